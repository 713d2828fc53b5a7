using MongoDB.Driver;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    public async Task<ConversationRecord> CreateChannelAsync(NewChannel channel, CancellationToken cancellationToken)
    {
        var now = Now();
        var conversation = new ConversationRecord(
            NewId(), ConversationTypes.Channel, channel.Name, channel.Topic, channel.Visibility, channel.CreatedBy, now, now, 0, 0);
        var members = channel.MemberIds.Where(id => id != channel.CreatedBy).Distinct()
            .Select(id => new MemberRecord(conversation.Id, id, MemberRoles.Member, 0, now))
            .Prepend(new MemberRecord(conversation.Id, channel.CreatedBy, MemberRoles.Owner, 0, now))
            .ToList();
        return await InTransactionAsync(conversation.Id, async (session, token) =>
        {
            await InsertConversationAsync(session, conversation, directKey: null, members, token);
            return conversation;
        }, cancellationToken);
    }

    public async Task<Stored<ConversationRecord>> GetOrCreateDirectAsync(
        string userId, string otherUserId, CancellationToken cancellationToken)
    {
        var key = DirectKey.For(userId, otherUserId);
        var byKey = DirectConversationIndex.ByKey(key);
        try
        {
            return await InTransactionAsync(key, async (session, token) =>
            {
                if (await _conversations.Find(session, byKey).FirstOrDefaultAsync(token) is { } existing)
                {
                    return new Stored<ConversationRecord>(existing.ToRecord(), Created: false);
                }

                var now = Now();
                var conversation = new ConversationRecord(NewId(), ConversationTypes.Direct, null, null, null, userId, now, now, 0, 0);
                var members = new[] { userId, otherUserId }.Distinct()
                    .Select(id => new MemberRecord(conversation.Id, id, MemberRoles.Member, 0, now))
                    .ToList();
                await InsertConversationAsync(session, conversation, key, members, token);
                return new Stored<ConversationRecord>(conversation, Created: true);
            }, cancellationToken);
        }
        catch (MongoWriteException e) when (IsDuplicateKey(e))
        {
            // Another replica committed the pair between our read and insert; the unique directKey index refused ours.
            var existing = await _conversations.Find(byKey).FirstAsync(cancellationToken);
            return new Stored<ConversationRecord>(existing.ToRecord(), Created: false);
        }
    }

    public async Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var document = await _conversations.Find(c => c.Id == conversationId).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    public async Task<ConversationRecord?> UpdateConversationAsync(
        string conversationId, string? name, string? topic, CancellationToken cancellationToken)
    {
        var changes = new List<UpdateDefinition<ConversationDocument>>();
        if (name is not null)
        {
            changes.Add(Builders<ConversationDocument>.Update.Set(c => c.Name, name));
            changes.Add(Builders<ConversationDocument>.Update.Set(c => c.NormalizedName, ChannelNames.Normalize(name)));
        }

        if (topic is not null)
        {
            changes.Add(Builders<ConversationDocument>.Update.Set(c => c.Topic, topic));
        }

        // The server refuses an update with no operators, and with nothing to change a read answers the same.
        if (changes.Count == 0)
        {
            return await GetConversationAsync(conversationId, cancellationToken);
        }

        return await InTransactionAsync(conversationId, async (session, token) =>
        {
            var updated = await _conversations.FindOneAndUpdateAsync(
                session,
                Builders<ConversationDocument>.Filter.Eq(c => c.Id, conversationId),
                Builders<ConversationDocument>.Update.Combine(changes),
                new FindOneAndUpdateOptions<ConversationDocument> { ReturnDocument = ReturnDocument.After },
                token);
            if (updated is null)
            {
                return null;
            }

            var record = updated.ToRecord();
            await AppendAsync(session, new ConversationUpdated(record), token);
            return record;
        }, cancellationToken);
    }

    private async Task InsertConversationAsync(
        IClientSessionHandle session,
        ConversationRecord conversation,
        string? directKey,
        IReadOnlyList<MemberRecord> members,
        CancellationToken cancellationToken)
    {
        await _conversations.InsertOneAsync(
            session, ConversationDocument.From(conversation, directKey, lastJoinSeq: members.Count), cancellationToken: cancellationToken);
        await _members.InsertManyAsync(
            session, members.Select((member, index) => MemberDocument.From(member, joinSeq: index + 1)), cancellationToken: cancellationToken);
        await AppendAsync(session, new ConversationCreated(conversation, members), cancellationToken);
    }
}
