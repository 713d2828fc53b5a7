using MongoDB.Driver;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Mongo;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage;

/// <summary>
/// Runs the conversation store contract against a real MongoDB replica set when NEXUSCHAT_TEST_MONGODB holds its
/// connection string; without one (as on CI) every test here is reported as skipped, with the reason.
/// </summary>
public sealed class MongoConversationStoreContractTests : ConversationStoreContractTests, IDisposable
{
    private readonly List<string> _databases = [];

    protected override async Task<(IConversationStore Store, IOutboxReader Outbox)> CreateStoreAsync(string database)
    {
        var connectionString = Environment.GetEnvironmentVariable(MongoStoreContractTests.ConnectionVariable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString),
            $"{MongoStoreContractTests.ConnectionVariable} is not set: no MongoDB replica set to run the conversation store contract against.");
        _databases.Add(database);
        var mongo = MongoStoreClient.Create(connectionString!, database);
        await new MongoStoreLifecycle(mongo).InitializeAsync(TestTimeout());
        return (new MongoConversationStore(mongo), new MongoOutbox(mongo));
    }

    public void Dispose()
    {
        var connectionString = Environment.GetEnvironmentVariable(MongoStoreContractTests.ConnectionVariable);
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
