using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Mongo;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage;

/// <summary>The conversation store contract on a real MongoDB replica set (skipped without one, see <see cref="MongoTestDatabases"/>).</summary>
public sealed class MongoConversationStoreContractTests : ConversationStoreContractTests, IDisposable
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<(IConversationStore Store, IOutboxStore Outbox)> CreateStoreAsync(string database, TimeProvider? time = null)
    {
        var mongo = _databases.Create(database, "conversation store");
        await new MongoStoreLifecycle(mongo).InitializeAsync(TestTimeout());
        return (new MongoConversationStore(mongo), new MongoOutbox(mongo, time));
    }

    public void Dispose() => _databases.Dispose();
}
