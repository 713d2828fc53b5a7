using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.Storage.Conversations;

namespace NexusChat.Storage.Mongo;

/// <summary>
/// Gives channels stored before schema step 4 their normalizedName. Done here rather than with the server's $toUpper,
/// which folds ASCII only, so old and new channels fold alike. Every replica runs every step at start: once the
/// channels are filled in this reads them and writes nothing.
/// </summary>
internal static class ChannelNameBackfill
{
    public static async Task RunAsync(IMongoCollection<BsonDocument> conversations, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter;
        var missing = filter.Type(MongoConversationStore.NameField, BsonType.String)
            & filter.Exists(MongoConversationStore.NormalizedNameField, false);
        var channels = await conversations.Find(missing)
            .Project(Builders<BsonDocument>.Projection.Include(MongoConversationStore.NameField))
            .ToListAsync(cancellationToken);
        if (channels.Count == 0)
        {
            return;
        }

        // Matching the name as read, so a rename racing this (which sets both fields itself) is never overwritten.
        var updates = channels.Select(channel => new UpdateOneModel<BsonDocument>(
            filter.Eq("_id", channel["_id"]) & filter.Eq(MongoConversationStore.NameField, channel[MongoConversationStore.NameField]) & missing,
            Builders<BsonDocument>.Update.Set(
                MongoConversationStore.NormalizedNameField, ChannelNames.Normalize(channel[MongoConversationStore.NameField].AsString))));
        await conversations.BulkWriteAsync(updates, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }
}
