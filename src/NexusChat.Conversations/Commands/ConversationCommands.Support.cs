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
    private async Task<CommandOutcome> ChangedAsync(MessageRecord before, MessageRecord? after)
    {
        if (after is null)
        {
            return CommandOutcome.MessageNotFound;
        }

        if (after.Version != before.Version)
        {
            await live.AfterCommitAsync(push => push.MessageChangedAsync(after, CancellationToken.None), "message-changed");
        }

        return new CommandOutcome.Done<MessageRecord>(after);
    }
}
