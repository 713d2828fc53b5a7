using MongoDB.Bson;
using NexusChat.Storage.Mongo;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class OutboxPendingIndexTests
{
    [Fact]
    public void ThePendingIndexIsTheQuerysEqualityFieldThenItsSortKeysInOrder()
    {
        // An index serves a sorted equality query without an in-memory sort when its keys are the equality fields
        // followed by the sort keys, in order and direction.
        var filter = MongoRendering.Render(OutboxPendingIndex.Pending);
        var sort = MongoRendering.Render(OutboxPendingIndex.Order);
        var expected = new BsonDocument(filter.Names.Select(name => new BsonElement(name, 1))).AddRange(sort);

        Assert.Equal(new BsonDocument("publishedAt", BsonNull.Value), filter);
        Assert.Equal(expected, MongoRendering.Render(OutboxPendingIndex.Model.Keys));
    }

    [Fact]
    public void TheNewSchemaStepComesAfterEveryOldOne() =>
        Assert.Equal(8, MongoSchema.CurrentVersion);
}
