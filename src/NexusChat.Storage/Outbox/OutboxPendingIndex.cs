using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.Storage.Outbox;

/// <summary>
/// The relay's query for pending events and the index that serves it, side by side so they cannot drift: equality
/// on publishedAt (absent while pending) then the sort keys in the sort's order. The index before it stopped at
/// createdAt, so the _id tie-break made the server sort every pending event in memory, which after an outage is
/// the whole backlog (and past 100 MB the query fails).
/// </summary>
internal static class OutboxPendingIndex
{
    public const string Name = "publishedAt_createdAt_id";

    /// <summary>The index of schema step 3 up to step 8, a prefix of this one.</summary>
    public const string ReplacedName = "publishedAt_createdAt";

    public static CreateIndexModel<BsonDocument> Model => new(
        Builders<BsonDocument>.IndexKeys
            .Ascending(MongoOutbox.PublishedAtField)
            .Ascending(MongoOutbox.CreatedAtField)
            .Ascending("_id"),
        new CreateIndexOptions { Name = Name });

    public static FilterDefinition<OutboxDocument> Pending => Builders<OutboxDocument>.Filter.Eq(o => o.PublishedAt, null);

    public static SortDefinition<OutboxDocument> Order =>
        Builders<OutboxDocument>.Sort.Ascending(o => o.CreatedAt).Ascending(o => o.EventId);
}
