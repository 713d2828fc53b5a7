using MongoDB.Bson;
using MongoDB.Driver;
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

    [SkippableFact]
    public async Task APublicChannelAnOlderBuildCreatesAfterTheStartUpBackfillStillReachesTheDirectory()
    {
        var database = $"conversations_{Guid.NewGuid():N}";
        var (store, _) = await CreateStoreAsync(database);
        var mongo = _databases.Create(database, "conversation store");
        var now = DateTime.UtcNow;
        // As a build before schema step 4 writes a channel: no normalizedName.
        await mongo.GetCollection<BsonDocument>("conversations").InsertOneAsync(new BsonDocument
        {
            ["_id"] = "legacy", ["type"] = ConversationTypes.Channel, ["name"] = "Legacy-Ops", ["topic"] = BsonNull.Value,
            ["visibility"] = ChannelVisibility.Public, ["createdBy"] = "ana", ["createdAt"] = now, ["lastActivityAt"] = now,
            ["lastSeq"] = 0L, ["version"] = 0L,
        }, cancellationToken: TestTimeout());

        var found = await store.ListPublicChannelsAsync("legacy", null, 10, TestTimeout());

        Assert.Equal(["legacy"], found.Select(c => c.Id));
    }

    public void Dispose() => _databases.Dispose();
}
