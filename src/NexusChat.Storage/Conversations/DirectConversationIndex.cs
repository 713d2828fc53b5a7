using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The partial unique index that keeps one direct conversation per pair, and the lookup that uses it. The planner
/// picks a partial index only for a query whose filter implies the index's filter; <c>{directKey: k}</c> does not
/// imply <c>{directKey: {$type: "string"}}</c> to it, so a lookup by key alone scanned the collection. The lookup
/// therefore carries the index's filter itself, from this one definition.
/// </summary>
internal static class DirectConversationIndex
{
    public const string Name = "directKey_unique";

    public static CreateIndexModel<BsonDocument> Model => new(
        Builders<BsonDocument>.IndexKeys.Ascending(MongoConversationStore.DirectKeyField),
        new CreateIndexOptions<BsonDocument> { Name = Name, Unique = true, PartialFilterExpression = Covers<BsonDocument>() });

    public static FilterDefinition<ConversationDocument> ByKey(string key) =>
        Builders<ConversationDocument>.Filter.Eq(c => c.DirectKey, key) & Covers<ConversationDocument>();

    // Channels have no directKey, so the index holds direct conversations only.
    private static FilterDefinition<T> Covers<T>() =>
        Builders<T>.Filter.Type(MongoConversationStore.DirectKeyField, BsonType.String);
}
