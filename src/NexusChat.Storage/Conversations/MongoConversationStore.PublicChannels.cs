using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.Storage.Mongo;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    private static readonly FilterDefinitionBuilder<ConversationDocument> Channels = Builders<ConversationDocument>.Filter;

    private static readonly FilterDefinition<ConversationDocument> IsPublicChannel = PublicChannelIndex.Covers<ConversationDocument>();

    public async Task<IReadOnlyList<ConversationRecord>> ListPublicChannelsAsync(
        string? namePrefix, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await ChannelNameBackfill.RunAsync(
            database.GetCollection<BsonDocument>(ConversationsCollection), ChannelNameBackfill.PublicChannelsMissingName, cancellationToken);
        var filter = IsPublicChannel;
        if (ChannelNames.Normalize(namePrefix) is { Length: > 0 } prefix)
        {
            // Anchored and case-sensitive on the normalized copy, so the index bounds the scan to the prefix;
            // escaped, so nothing the user typed acts as a pattern.
            filter &= Channels.Regex(c => c.NormalizedName, new BsonRegularExpression("^" + Regex.Escape(prefix)));
        }

        if (after is not null)
        {
            // Only a public channel can be a cursor, so a private channel's id reveals nothing about its name.
            var from = await _conversations.Find(IsPublicChannel & Channels.Eq(c => c.Id, after)).FirstOrDefaultAsync(cancellationToken);
            if (from is null)
            {
                return [];
            }

            filter &= Channels.Gt(c => c.NormalizedName, from.NormalizedName)
                | (Channels.Eq(c => c.NormalizedName, from.NormalizedName) & Channels.Gt(c => c.Id, from.Id));
        }

        var documents = await _conversations.Find(filter)
            .Sort(Builders<ConversationDocument>.Sort.Ascending(c => c.NormalizedName).Ascending(c => c.Id))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToRecord());
    }
}
