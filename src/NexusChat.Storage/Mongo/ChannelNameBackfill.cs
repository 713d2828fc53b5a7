using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.Storage.Conversations;

namespace NexusChat.Storage.Mongo;

/// <summary>
/// Gives channels stored without a normalizedName (by builds before schema step 4) theirs. Done here rather than with
/// the server's $toUpper, which folds ASCII only, so old and new channels fold alike. Schema step 4 fills in every
/// channel at start; during a rolling deploy an older replica can still create public channels without it after that,
/// so the directory fills those in before each read (<see cref="PublicChannelsMissingName"/>: one probe of the
/// directory index, which finds nothing once every replica runs this build).
/// </summary>
internal static class ChannelNameBackfill
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    /// <summary>Every channel without the field: the start-up pass.</summary>
    public static FilterDefinition<BsonDocument> ChannelsMissingName { get; } =
        Filter.Type(MongoConversationStore.NameField, BsonType.String) & Filter.Exists(MongoConversationStore.NormalizedNameField, false);

    /// <summary>Public channels without it, bounded by the directory's partial index (null equality matches absent).</summary>
    public static FilterDefinition<BsonDocument> PublicChannelsMissingName { get; } =
        PublicChannelIndex.Covers<BsonDocument>() & Filter.Eq(MongoConversationStore.NormalizedNameField, BsonNull.Value);

    public static async Task RunAsync(
        IMongoCollection<BsonDocument> conversations, FilterDefinition<BsonDocument> missing, CancellationToken cancellationToken)
    {
        var channels = await conversations.Find(missing)
            .Project(Builders<BsonDocument>.Projection.Include(MongoConversationStore.NameField))
            .ToListAsync(cancellationToken);
        var named = channels.Where(c => c.GetValue(MongoConversationStore.NameField, BsonNull.Value).IsString).ToList();
        if (named.Count == 0)
        {
            return;
        }

        // Matching the name as read, so a rename racing this (which sets both fields itself) is never overwritten.
        var updates = named.Select(channel => new UpdateOneModel<BsonDocument>(
            Filter.Eq("_id", channel["_id"]) & Filter.Eq(MongoConversationStore.NameField, channel[MongoConversationStore.NameField]) & missing,
            Builders<BsonDocument>.Update.Set(
                MongoConversationStore.NormalizedNameField, ChannelNames.Normalize(channel[MongoConversationStore.NameField].AsString))));
        await conversations.BulkWriteAsync(updates, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }
}
