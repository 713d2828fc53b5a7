using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The partial index of public channels in directory order (schema step 4). A query uses it only when its filter
/// implies the index's filter, so every query of the directory starts from <see cref="Covers{T}"/>.
/// </summary>
internal static class PublicChannelIndex
{
    public static CreateIndexModel<BsonDocument> Model => new(
        Builders<BsonDocument>.IndexKeys.Ascending(MongoConversationStore.NormalizedNameField).Ascending("_id"),
        new CreateIndexOptions<BsonDocument> { Name = "publicChannels_normalizedName_id", PartialFilterExpression = Covers<BsonDocument>() });

    // Equality on both fields, so the planner can prove a query's documents are in the index.
    public static FilterDefinition<T> Covers<T>() =>
        Builders<T>.Filter.Eq(MongoConversationStore.TypeField, ConversationTypes.Channel)
        & Builders<T>.Filter.Eq(MongoConversationStore.VisibilityField, ChannelVisibility.Public);
}
