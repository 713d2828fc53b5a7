using NexusChat.Conversations.Attachments;
using NexusChat.Conversations.Live;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Commands;

/// <summary>
/// Every change to a conversation's messages and read state, with the same rules wherever it comes from (REST or the
/// hub): access, validation, idempotency, then the store's atomic write and the live push to the members. Callers map
/// the <see cref="CommandOutcome"/> to their transport's answer.
/// </summary>
public sealed partial class ConversationCommands(IConversationStore conversations, IUserStore users, LivePush live, CompletedFiles files)
{
    private const int MaxMentions = 50;

    /// <summary>
    /// Stores a message (<see cref="Stored{T}.Created"/> false: a retry found it stored) and pushes a new one.
    /// <paramref name="attachmentIds"/> are file ids of the sender's own completed uploads.
    /// </summary>
    public async Task<CommandOutcome> SendAsync(
        string senderId, string conversationId, string? text, string? clientMessageId, string? replyToId,
        IReadOnlyList<string>? attachmentIds, ThreadTarget? thread, CancellationToken cancellationToken)
    {
        if (await MemberAccessAsync(conversationId, senderId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (MessageRules.CheckText(text, attachmentIds is { Count: > 0 }) is { } textError)
        {
            return new CommandOutcome.Invalid("text", textError);
        }

        if (!MessageRules.IsClientMessageId(clientMessageId))
        {
            return new CommandOutcome.Invalid("clientMessageId", "clientMessageId is 1 to 64 letters, digits, '-' or '_'.");
        }

        if (replyToId is not null && await conversations.GetMessageAsync(conversationId, replyToId, cancellationToken) is null)
        {
            return new CommandOutcome.Invalid("replyToId", "replyToId must be a message of this conversation.");
        }

        if (await ThreadRootProblemAsync(conversationId, thread, cancellationToken) is { } threadError)
        {
            return threadError;
        }

        var (attachments, attachmentError) = await SenderAttachmentsAsync(senderId, attachmentIds);
        if (attachmentError is not null)
        {
            return attachmentError;
        }

        var body = MessageRules.TextOf(text);
        var mentions = await MentionedMembersAsync(conversationId, body, cancellationToken);
        var stored = await conversations.SendMessageAsync(
            new NewMessage(conversationId, senderId, body, replyToId, mentions, clientMessageId!)
            {
                Attachments = attachments, ThreadId = thread?.RootId, AlsoToChannel = thread?.AlsoToChannel ?? false,
            },
            cancellationToken);
        if (stored is null)
        {
            return CommandOutcome.ConversationNotFound;
        }

        // A retry that found the message stored pushes nothing: the first send did, or the backstop does.
        if (stored.Created)
        {
            var root = await ThreadRootAfterAsync(stored.Value);
            await live.AfterCommitAsync(push => push.MessageCreatedAsync(stored.Value, root), "message-created");
        }

        return new CommandOutcome.Done<Stored<MessageRecord>>(stored);
    }

    /// <summary>The author changes the text (mentions resolved again).</summary>
    public async Task<CommandOutcome> EditAsync(
        string callerId, string conversationId, string messageId, string? text, CancellationToken cancellationToken)
    {
        var (message, denied) = await LoadMessageAsync(callerId, conversationId, messageId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (message!.Call is not null)
        {
            return new CommandOutcome.CallMessage();
        }

        if (message.SenderId != callerId)
        {
            return new CommandOutcome.Forbidden("Only the author may edit a message.");
        }

        if (message.Deleted)
        {
            return new CommandOutcome.MessageDeleted();
        }

        if (MessageRules.CheckText(text, message.Attachments.Count > 0) is { } textError)
        {
            return new CommandOutcome.Invalid("text", textError);
        }

        var body = MessageRules.TextOf(text);
        var mentions = await MentionedMembersAsync(conversationId, body, cancellationToken);
        return await ChangedAsync(message,
            await conversations.EditMessageAsync(conversationId, messageId, body, mentions, cancellationToken));
    }

    /// <summary>The author, or a channel's owner and admins, leave a tombstone.</summary>
    public async Task<CommandOutcome> DeleteAsync(string callerId, string conversationId, string messageId, CancellationToken cancellationToken)
    {
        var access = await ConversationAccess.LoadAsync(conversations, conversationId, callerId, cancellationToken);
        if (access is null)
        {
            return CommandOutcome.ConversationNotFound;
        }

        var message = await conversations.GetMessageAsync(conversationId, messageId, cancellationToken);
        if (message is null)
        {
            return CommandOutcome.MessageNotFound;
        }

        if (message.Call is not null)
        {
            return new CommandOutcome.CallMessage();
        }

        if (message.SenderId != callerId && !access.IsAdmin)
        {
            return new CommandOutcome.Forbidden("Only the author or the channel's owner and admins may delete a message.");
        }

        var tombstone = await conversations.DeleteMessageAsync(conversationId, messageId, cancellationToken);
        return await ChangedAsync(message, tombstone, tombstone is null ? null : await ThreadRootAfterAsync(tombstone));
    }

    /// <summary>Adds or removes the caller's reaction; doing what is already done changes nothing and pushes nothing.</summary>
    public async Task<CommandOutcome> ReactAsync(
        string callerId, string conversationId, string messageId, string emoji, bool add, CancellationToken cancellationToken)
    {
        var (message, denied) = await LoadMessageAsync(callerId, conversationId, messageId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!MessageRules.IsEmoji(emoji))
        {
            return new CommandOutcome.Invalid("emoji", "A reaction is one emoji.");
        }

        if (message!.Deleted)
        {
            return new CommandOutcome.MessageDeleted();
        }

        if (!add)
        {
            return await ChangedAsync(message,
                await conversations.RemoveReactionAsync(conversationId, messageId, callerId, emoji, cancellationToken));
        }

        // The store applies the limit in the write itself; an add it refused comes back without the reaction.
        var added = await conversations.AddReactionAsync(conversationId, messageId, callerId, emoji, cancellationToken);
        return added is { Deleted: false } && !ReactionLimits.Has(added, callerId, emoji)
            ? new CommandOutcome.TooManyReactions(ReactionLimits.MaxDistinctPerMessage)
            : await ChangedAsync(message, added);
    }

    /// <summary>Moves the caller's read position forward (never back); the effective position is the value.</summary>
    public async Task<CommandOutcome> MarkReadAsync(string callerId, string conversationId, long? seq, CancellationToken cancellationToken)
    {
        // Access before the value, as for every command: a non-member learns nothing from a validation answer.
        if (await MemberAccessAsync(conversationId, callerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (seq is not >= 0)
        {
            return new CommandOutcome.Invalid("seq", "seq is the last read message's seq (0 or more).");
        }

        if (await conversations.MarkReadAsync(conversationId, callerId, seq.Value, cancellationToken) is not { } effective)
        {
            return new CommandOutcome.NotFound("member");
        }

        await live.AfterCommitAsync(push => push.ReadStateChangedAsync(conversationId, callerId, effective), "read-state");
        return new CommandOutcome.Done<long>(effective);
    }

    /// <summary>Whether the caller may announce typing: members only. The value is the other members' ids.</summary>
    public async Task<CommandOutcome> TypingAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        if (await MemberAccessAsync(conversationId, callerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var others = (await conversations.ListMembersAsync(conversationId, cancellationToken))
            .Where(m => m.UserId != callerId)
            .Select(m => m.UserId)
            .ToList();
        return new CommandOutcome.Done<IReadOnlyList<string>>(others);
    }
}
