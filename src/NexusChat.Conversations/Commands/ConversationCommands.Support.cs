using NexusChat.Contracts.Conversations;
using NexusChat.Conversations.Attachments;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Commands;

public sealed partial class ConversationCommands
{
    /// <summary>The ids of the conversation's members written as @username in the text (others stay plain text).</summary>
    private async Task<IReadOnlyList<string>> MentionedMembersAsync(string conversationId, string text, CancellationToken cancellationToken)
    {
        var mentioned = new List<string>();
        foreach (var username in MessageRules.MentionedUsernames(text).Take(MaxMentions))
        {
            if (await users.FindByNormalizedUsernameAsync(username, cancellationToken) is { } user
                && await conversations.GetMemberAsync(conversationId, user.Id, cancellationToken) is not null)
            {
                mentioned.Add(user.Id);
            }
        }

        return mentioned;
    }

    /// <summary>
    /// The files to attach, copied from their upload records, or the answer when one is not the sender's own completed
    /// upload: someone else's file id answers exactly as an unknown one, so ids cannot be probed for.
    /// </summary>
    private async Task<(IReadOnlyList<AttachmentRecord> Attachments, CommandOutcome? Error)> SenderAttachmentsAsync(
        string senderId, IReadOnlyList<string>? attachmentIds)
    {
        if (attachmentIds is null || attachmentIds.Count == 0)
        {
            return ([], null);
        }

        if (attachmentIds.Count > AttachmentLimits.MaxPerMessage)
        {
            return ([], new CommandOutcome.Invalid("attachments", $"A message carries at most {AttachmentLimits.MaxPerMessage} attachments."));
        }

        if (attachmentIds.Distinct(StringComparer.Ordinal).Count() != attachmentIds.Count)
        {
            return ([], new CommandOutcome.Invalid("attachments", "Each file is attached once."));
        }

        var attachments = new List<AttachmentRecord>(attachmentIds.Count);
        for (var i = 0; i < attachmentIds.Count; i++)
        {
            if (attachmentIds[i] is not { } fileId || await files.FindAsync(fileId) is not { } file || file.OwnerId != senderId)
            {
                return ([], new CommandOutcome.Invalid("attachments", $"attachments[{i}] is not the file id of a completed upload of yours."));
            }

            attachments.Add(file.ToAttachment());
        }

        return (attachments, null);
    }

    /// <summary>Null when the caller is a member; else the answer: not found (does not exist for them) or join first.</summary>
    private async Task<CommandOutcome?> MemberAccessAsync(string conversationId, string callerId, CancellationToken cancellationToken) =>
        await ConversationAccess.LoadAsync(conversations, conversationId, callerId, cancellationToken) switch
        {
            null => CommandOutcome.ConversationNotFound,
            { IsMember: false } => CommandOutcome.JoinFirst,
            _ => null,
        };

    /// <summary>A message of a conversation the caller is a member of.</summary>
    private async Task<(MessageRecord? Message, CommandOutcome? Denied)> LoadMessageAsync(
        string callerId, string conversationId, string messageId, CancellationToken cancellationToken)
    {
        if (await MemberAccessAsync(conversationId, callerId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        var message = await conversations.GetMessageAsync(conversationId, messageId, cancellationToken);
        return message is null ? (null, CommandOutcome.MessageNotFound) : (message, null);
    }

    /// <summary>
    /// The outcome of a store change, pushed to the members at once; a call that changed nothing (the same version,
    /// e.g. a reaction already there) pushes nothing.
    /// </summary>
    private async Task<CommandOutcome> ChangedAsync(MessageRecord before, MessageRecord? after, MessageRecord? threadRoot = null)
    {
        if (after is null)
        {
            return CommandOutcome.MessageNotFound;
        }

        if (after.Version != before.Version)
        {
            await live.AfterCommitAsync(push => push.MessageChangedAsync(after, CancellationToken.None, threadRoot), "message-changed");
        }

        return new CommandOutcome.Done<MessageRecord>(after);
    }
}
