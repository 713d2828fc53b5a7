using MongoDB.Driver;
using NexusChat.Contracts.Calls;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    public async Task<Stored<MessageRecord>?> SendMessageAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var byClientId = Builders<MessageDocument>.Filter.Eq(m => m.ConversationId, message.ConversationId)
            & Builders<MessageDocument>.Filter.Eq(m => m.SenderId, message.SenderId)
            & Builders<MessageDocument>.Filter.Eq(m => m.ClientMessageId, message.ClientMessageId);
        try
        {
            return await InTransactionAsync(message.ConversationId, async (session, token) =>
            {
                if (await _messages.Find(session, byClientId).FirstOrDefaultAsync(token) is { } existing)
                {
                    return new Stored<MessageRecord>(existing.ToRecord(), Created: false);
                }

                var now = Now();
                var conversation = await _conversations.FindOneAndUpdateAsync(
                    session,
                    Builders<ConversationDocument>.Filter.Eq(c => c.Id, message.ConversationId),
                    Builders<ConversationDocument>.Update
                        .Inc(c => c.LastSeq, 1)
                        .Inc(c => c.Version, 1)
                        .Set(c => c.LastActivityAt, now.UtcDateTime),
                    new FindOneAndUpdateOptions<ConversationDocument> { ReturnDocument = ReturnDocument.After },
                    token);
                if (conversation is null)
                {
                    return null;
                }

                var stored = new MessageRecord(
                    NewId(), message.ConversationId, conversation.LastSeq, message.SenderId, message.Text, now, null, false,
                    message.ReplyToId, message.Mentions, new Dictionary<string, IReadOnlyList<string>>(),
                    message.ClientMessageId, conversation.Version)
                {
                    Attachments = message.Attachments, ThreadId = message.ThreadId, AlsoToChannel = message.AlsoToChannel, Call = message.Call,
                };
                // Before the insert, so the reply being stored does not make its sender look like an earlier participant.
                var root = message.ThreadId is { } rootId
                    ? await ChangeThreadRootAsync(session, stored.ConversationId, rootId, stored.Version,
                        async summary => ThreadSummary.AfterReply(summary, stored.SenderId, now,
                            firstReplyBySender: !await _messages.Find(session,
                                Messages.Eq(m => m.ThreadId, rootId) & Messages.Eq(m => m.SenderId, stored.SenderId)).AnyAsync(token)),
                        token)
                    : null;
                await _messages.InsertOneAsync(session, MessageDocument.From(stored), cancellationToken: token);
                await AppendAsync(session, new MessageCreated(stored, root), token);
                if (AttachmentsPosted.IsNeededFor(stored))
                {
                    await AppendAsync(session, new AttachmentsPosted(stored), token);
                }

                return new Stored<MessageRecord>(stored, Created: true);
            }, cancellationToken);
        }
        catch (MongoWriteException e) when (IsDuplicateKey(e))
        {
            // The same send committed on another replica after our snapshot; the unique index refused the copy.
            var existing = await _messages.Find(byClientId).FirstAsync(cancellationToken);
            return new Stored<MessageRecord>(existing.ToRecord(), Created: false);
        }
    }

    public async Task<MessageRecord?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken)
    {
        var document = await _messages.Find(MessageFilter(conversationId, messageId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    public async Task<AttachmentRecord?> FindAttachmentForMemberAsync(string fileId, string userId, CancellationToken cancellationToken)
    {
        // The multikey index on attachments.fileId finds the messages carrying the file (a tombstone carries none);
        // the members index then answers for all their conversations at once.
        var carriers = await _messages
            .Find(Builders<MessageDocument>.Filter.Eq($"{AttachmentsField}.{FileIdField}", fileId))
            .Project(m => new { m.ConversationId, m.Attachments })
            .ToListAsync(cancellationToken);
        if (carriers.Count == 0)
        {
            return null;
        }

        var conversationIds = carriers.Select(c => c.ConversationId).Distinct().ToList();
        var membership = await _members
            .Find(m => conversationIds.Contains(m.ConversationId) && m.UserId == userId)
            .Project(m => m.ConversationId)
            .FirstOrDefaultAsync(cancellationToken);
        return membership is null
            ? null
            : carriers.First(c => c.ConversationId == membership).Attachments!.First(a => a.FileId == fileId).ToRecord();
    }

    public Task<MessageRecord?> SetAttachmentPreviewAsync(
        string conversationId, string messageId, string fileId, AttachmentPreview preview, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (current, version) =>
        {
            if (AttachmentPreviewChange.Apply(current, fileId, preview) is not { } attachments)
            {
                return null;
            }

            var changed = current with { Attachments = attachments, Version = version };
            return (changed, new AttachmentPreviewChanged(changed, fileId));
        }, cancellationToken);

    public Task<MessageRecord?> SetCallAsync(string conversationId, string messageId, MessageCallDto call, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (current, version) =>
        {
            if (MessageCallChange.Apply(current, call) is not { } merged)
            {
                return null;
            }

            var changed = current with { Call = merged, Version = version };
            return (changed, new MessageCallChanged(changed));
        }, cancellationToken);

    public Task<MessageRecord?> EditMessageAsync(
        string conversationId, string messageId, string text, IReadOnlyList<string> mentions, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (current, version) =>
        {
            var edited = current with { Text = text, Mentions = mentions, EditedAt = Now(), Version = version };
            return (edited, new MessageEdited(edited));
        }, cancellationToken);

    public Task<MessageRecord?> DeleteMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (session, current, version, token) =>
        {
            var tombstone = current with
            {
                Text = null, Mentions = [], Reactions = new Dictionary<string, IReadOnlyList<string>>(), Deleted = true, Version = version,
                Attachments = [],
            };
            var root = current.ThreadId is { } rootId
                ? await ChangeThreadRootAsync(session, conversationId, rootId, version, summary => Task.FromResult(summary?.AfterReplyDeleted()), token)
                : null;
            return (tombstone, new MessageDeleted(tombstone, root));
        }, cancellationToken);

    public Task<MessageRecord?> AddReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (current, version) =>
        {
            // The transaction read the message: a concurrent add write-conflicts and is retried against this one's result,
            // so two adds of new emoji cannot both pass the limit.
            if (ReactionLimits.Has(current, userId, emoji) || ReactionLimits.WouldExceed(current, emoji))
            {
                return null;
            }

            var users = current.Reactions.GetValueOrDefault(emoji) ?? [];
            var reactions = current.Reactions.ToDictionary();
            reactions[emoji] = [.. users, userId];
            var changed = current with { Reactions = reactions, Version = version };
            return (changed, new ReactionChanged(changed, userId, emoji, Added: true));
        }, cancellationToken);

    public Task<MessageRecord?> RemoveReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (current, version) =>
        {
            var users = current.Reactions.GetValueOrDefault(emoji) ?? [];
            if (!users.Contains(userId))
            {
                return null;
            }

            var reactions = current.Reactions.ToDictionary();
            var remaining = users.Where(u => u != userId).ToList();
            if (remaining.Count == 0)
            {
                reactions.Remove(emoji);
            }
            else
            {
                reactions[emoji] = remaining;
            }

            var changed = current with { Reactions = reactions, Version = version };
            return (changed, new ReactionChanged(changed, userId, emoji, Added: false));
        }, cancellationToken);

    /// <summary>
    /// The shared shape of every message change, in one transaction: read the message, leave a missing or deleted one
    /// alone, let <paramref name="change"/> compute the new state for the conversation's next version (null: nothing to
    /// do), then take that version, replace the message and record the event. The message is replaced whole because
    /// the transaction read it: a concurrent change to it write-conflicts and is retried on the new state.
    /// </summary>
    private Task<MessageRecord?> ChangeMessageAsync(
        string conversationId,
        string messageId,
        Func<MessageRecord, long, (MessageRecord Changed, IntegrationEvent Event)?> change,
        CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, (_, current, version, _) => Task.FromResult(change(current, version)), cancellationToken);

    /// <summary>The same, for a change that also writes another document in the transaction (a thread root).</summary>
    private Task<MessageRecord?> ChangeMessageAsync(
        string conversationId,
        string messageId,
        Func<IClientSessionHandle, MessageRecord, long, CancellationToken, Task<(MessageRecord Changed, IntegrationEvent Event)?>> change,
        CancellationToken cancellationToken) =>
        InTransactionAsync(conversationId, async (session, token) =>
        {
            var current = (await _messages.Find(session, MessageFilter(conversationId, messageId)).FirstOrDefaultAsync(token))?.ToRecord();
            if (current is null || current.Deleted)
            {
                return current;
            }

            var conversation = await _conversations.Find(session, c => c.Id == conversationId).FirstAsync(token);
            if (await change(session, current, conversation.Version + 1, token) is not { } result)
            {
                return current;
            }

            await _conversations.UpdateOneAsync(
                session,
                Builders<ConversationDocument>.Filter.Eq(c => c.Id, conversationId),
                Builders<ConversationDocument>.Update.Inc(c => c.Version, 1),
                cancellationToken: token);
            await _messages.ReplaceOneAsync(session, MessageFilter(conversationId, messageId), MessageDocument.From(result.Changed), cancellationToken: token);
            await AppendAsync(session, result.Event, token);
            return result.Changed;
        }, cancellationToken);

    private static FilterDefinition<MessageDocument> MessageFilter(string conversationId, string messageId) =>
        Builders<MessageDocument>.Filter.Eq(m => m.Id, messageId)
        & Builders<MessageDocument>.Filter.Eq(m => m.ConversationId, conversationId);
}
