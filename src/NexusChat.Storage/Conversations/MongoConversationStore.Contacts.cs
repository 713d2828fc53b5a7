using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    public async Task<IReadOnlyList<MemberRecord>> ListMembersPageAsync(
        string conversationId, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        // Keyset paging on the unique (conversationId, userId) index.
        var filter = Builders<MemberDocument>.Filter.Eq(m => m.ConversationId, conversationId)
            & Builders<MemberDocument>.Filter.Gt(m => m.UserId, afterUserId ?? string.Empty);
        var documents = await _members.Find(filter).Sort(Builders<MemberDocument>.Sort.Ascending(m => m.UserId))
            .Limit(limit).ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToRecord());
    }

    public async Task<int> CountMembersAsync(string conversationId, CancellationToken cancellationToken) =>
        (int)await _members.CountDocumentsAsync(m => m.ConversationId == conversationId, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<string>> ListContactsAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        // Two indexed queries: the user's conversations ((userId, conversationId) index, covered), then the distinct
        // members of those ((conversationId, userId) index).
        var conversationIds = await _members.Find(m => m.UserId == userId)
            .Project(m => m.ConversationId).ToListAsync(cancellationToken);
        if (conversationIds.Count == 0)
        {
            return [];
        }

        var filter = Builders<MemberDocument>.Filter.In(m => m.ConversationId, conversationIds)
            & Builders<MemberDocument>.Filter.Ne(m => m.UserId, userId);
        using var cursor = await _members.DistinctAsync(m => m.UserId, filter, cancellationToken: cancellationToken);
        var contacts = new List<string>();
        while (contacts.Count < limit && await cursor.MoveNextAsync(cancellationToken))
        {
            contacts.AddRange(cursor.Current.Take(limit - contacts.Count));
        }

        return contacts;
    }
}
