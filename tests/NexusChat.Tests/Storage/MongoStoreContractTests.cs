using MongoDB.Driver;
using NexusChat.Storage;
using NexusChat.Storage.Mongo;

namespace NexusChat.Tests.Storage;

/// <summary>
/// Runs the store contract against a real MongoDB replica set when NEXUSCHAT_TEST_MONGODB holds its connection
/// string (README: one Docker command starts one). No MongoDB server can be installed on our CI machines, so
/// there every test here is reported as skipped, with the reason.
/// </summary>
public sealed class MongoStoreContractTests : StoreContractTests, IDisposable
{
    public const string ConnectionVariable = "NEXUSCHAT_TEST_MONGODB";
    private readonly List<string> _databases = [];

    protected override int CurrentSchemaVersion => MongoSchema.CurrentVersion;

    protected override IStoreLifecycle CreateStore(string database)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString),
            $"{ConnectionVariable} is not set: no MongoDB replica set to run the store contract against.");
        _databases.Add(database);
        return new MongoStoreLifecycle(MongoStoreClient.Create(connectionString!, database));
    }

    public void Dispose()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var client = new MongoClient(connectionString);
        foreach (var database in _databases.Distinct())
        {
            client.DropDatabase(database);
        }
    }
}
