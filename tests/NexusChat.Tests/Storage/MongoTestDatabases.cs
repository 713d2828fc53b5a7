using MongoDB.Driver;
using NexusChat.Storage.Mongo;

namespace NexusChat.Tests.Storage;

/// <summary>
/// Fresh databases on the MongoDB replica set whose connection string is in NEXUSCHAT_TEST_MONGODB (README: one
/// Docker command starts one), dropped on dispose. No MongoDB server can be installed on our CI machines, so there
/// <see cref="Create"/> skips the test, with the reason, and the skip is counted.
/// </summary>
public sealed class MongoTestDatabases : IDisposable
{
    public const string ConnectionVariable = "NEXUSCHAT_TEST_MONGODB";
    private readonly List<string> _created = [];

    private static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable);

    /// <param name="contract">Which contract needs it, for the skip reason.</param>
    public IMongoDatabase Create(string database, string contract)
    {
        Skip.If(string.IsNullOrWhiteSpace(ConnectionString),
            $"{ConnectionVariable} is not set: no MongoDB replica set to run the {contract} contract against.");
        _created.Add(database);
        return MongoStoreClient.Create(ConnectionString!, database);
    }

    public void Dispose()
    {
        if (_created.Count == 0)
        {
            return;
        }

        var client = new MongoClient(ConnectionString);
        foreach (var database in _created.Distinct())
        {
            client.DropDatabase(database);
        }
    }
}
