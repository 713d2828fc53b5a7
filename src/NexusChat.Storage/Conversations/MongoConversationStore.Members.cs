using MongoDB.Driver;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    public async Task<MemberRecord?> GetMemberAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var document = await _members.Find(MemberFilter(conversationId, userId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    public async Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        var documents = await _members.Find(m => m.ConversationId == conversationId)
            .Sort(JoinOrder)
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToRecord());
    }

    public async Task<bool> AddMemberAsync(string conversationId, string userId, string role, CancellationToken cancellationToken)
    {
        try
        {
            return await InTransactionAsync(conversationId, async (session, token) =>
            {
                if (await _members.Find(session, MemberFilter(conversationId, userId)).AnyAsync(token))
                {
                    return false;
                }

                // The join takes the next place in the member order (concurrent joins write-conflict on the counter).
                var conversation = await _conversations.FindOneAndUpdateAsync(
                    session,
                    Builders<ConversationDocument>.Filter.Eq(c => c.Id, conversationId),
                    Builders<ConversationDocument>.Update.Inc(c => c.LastJoinSeq, 1),
                    new FindOneAndUpdateOptions<ConversationDocument> { ReturnDocument = ReturnDocument.After },
                    token);
                if (conversation is null)
                {
                    return false;
                }

                // A member who joins later starts with the existing history read (as on the embedded store).
                var member = new MemberRecord(conversationId, userId, role, conversation.LastSeq, Now());
                await _members.InsertOneAsync(session, MemberDocument.From(member, conversation.LastJoinSeq), cancellationToken: token);
                await AppendAsync(session, new MemberAdded(member), token);
                return true;
            }, cancellationToken);
        }
        catch (MongoWriteException e) when (IsDuplicateKey(e))
        {
            // A concurrent add of the same user committed first; the unique {conversationId, userId} index refused ours.
            return false;
        }
    }

    public Task<bool> RemoveMemberAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        InTransactionAsync(MemberKey(conversationId, userId), async (session, token) =>
        {
            var removed = await _members.DeleteOneAsync(session, MemberFilter(conversationId, userId), cancellationToken: token);
            if (removed.DeletedCount == 0)
            {
                return false;
            }

            await AppendAsync(session, new MemberRemoved(conversationId, userId), token);
            return true;
        }, cancellationToken);

    public Task<MemberRecord?> SetRoleAsync(string conversationId, string userId, string role, CancellationToken cancellationToken) =>
        InTransactionAsync(MemberKey(conversationId, userId), async (session, token) =>
        {
            var member = (await _members.Find(session, MemberFilter(conversationId, userId)).FirstOrDefaultAsync(token))?.ToRecord();
            if (member is null || member.Role == role)
            {
                return member;
            }

            await _members.UpdateOneAsync(
                session, MemberFilter(conversationId, userId), Builders<MemberDocument>.Update.Set(m => m.Role, role), cancellationToken: token);
            var changed = member with { Role = role };
            await AppendAsync(session, new MemberRoleChanged(changed), token);
            return changed;
        }, cancellationToken);

    public Task<MemberRecord?> SetMutedAsync(string conversationId, string userId, bool muted, CancellationToken cancellationToken) =>
        InTransactionAsync(MemberKey(conversationId, userId), async (session, token) =>
        {
            var member = (await _members.Find(session, MemberFilter(conversationId, userId)).FirstOrDefaultAsync(token))?.ToRecord();
            if (member is null || member.Muted == muted)
            {
                return member;
            }

            await _members.UpdateOneAsync(
                session, MemberFilter(conversationId, userId), Builders<MemberDocument>.Update.Set(m => m.Muted, muted), cancellationToken: token);
            var changed = member with { Muted = muted };
            await AppendAsync(session, new MemberMuteChanged(changed), token);
            return changed;
        }, cancellationToken);

    public Task<long?> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken) =>
        InTransactionAsync(MemberKey(conversationId, userId), async (session, token) =>
        {
            var member = await _members.Find(session, MemberFilter(conversationId, userId)).FirstOrDefaultAsync(token);
            if (member is null)
            {
                return null;
            }

            // Capped at the last seq so a client cannot mark messages read before they exist.
            var lastSeq = await _conversations.Find(session, c => c.Id == conversationId)
                .Project(c => c.LastSeq).FirstOrDefaultAsync(token);
            var target = Math.Min(seq, lastSeq);
            if (target <= member.LastReadSeq)
            {
                return member.LastReadSeq;
            }

            await _members.UpdateOneAsync(
                session,
                MemberFilter(conversationId, userId) & Builders<MemberDocument>.Filter.Lt(m => m.LastReadSeq, target),
                Builders<MemberDocument>.Update.Set(m => m.LastReadSeq, target),
                cancellationToken: token);
            await AppendAsync(session, new ReadStateChanged(conversationId, userId, target), token);
            return (long?)target;
        }, cancellationToken);

    // Members stored before joinSeq existed read as 0 and keep their old (time, ObjectId) order ahead of later joins.
    internal static SortDefinition<MemberDocument> JoinOrder { get; } =
        Builders<MemberDocument>.Sort.Ascending(m => m.JoinSeq).Ascending(m => m.JoinedAt).Ascending(m => m.Id);

    // These write only the member's own document, so they queue behind that member's other writes, not the conversation's.
    private static string MemberKey(string conversationId, string userId) => $"{conversationId}/{userId}";

    private static FilterDefinition<MemberDocument> MemberFilter(string conversationId, string userId) =>
        Builders<MemberDocument>.Filter.Eq(m => m.ConversationId, conversationId)
        & Builders<MemberDocument>.Filter.Eq(m => m.UserId, userId);
}
