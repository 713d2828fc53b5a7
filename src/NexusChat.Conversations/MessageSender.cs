using NexusChat.Conversations.Live;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations;

/// <summary>
/// Sending a message with the same rules and idempotency wherever it comes from (REST or hub): membership, text,
/// client message id and reply checks, mentions of members resolved to user ids, then the store's atomic send and
/// the live push to the members.
/// </summary>
public sealed class MessageSender(IConversationStore conversations, IUserStore users, LivePush live)
{
    private const int MaxMentions = 50;

    public async Task<SendOutcome> SendAsync(
        string senderId, string conversationId, string? text, string? clientMessageId, string? replyToId, CancellationToken cancellationToken)
    {
        var access = await ConversationAccess.LoadAsync(conversations, conversationId, senderId, cancellationToken);
        if (access is null)
        {
            return new SendOutcome.NotFound();
        }

        if (!access.IsMember)
        {
            return new SendOutcome.NotAMember();
        }

        if (MessageRules.CheckText(text) is { } textError)
        {
            return new SendOutcome.Invalid("text", textError);
        }

        if (!MessageRules.IsClientMessageId(clientMessageId))
        {
            return new SendOutcome.Invalid("clientMessageId", "clientMessageId is 1 to 64 letters, digits, '-' or '_'.");
        }

        if (replyToId is not null && await conversations.GetMessageAsync(conversationId, replyToId, cancellationToken) is null)
        {
            return new SendOutcome.Invalid("replyToId", "replyToId must be a message of this conversation.");
        }

        var mentions = await MentionedMembersAsync(conversationId, text!, cancellationToken);
        var stored = await conversations.SendMessageAsync(
            new NewMessage(conversationId, senderId, text!, replyToId, mentions, clientMessageId!), cancellationToken);
        if (stored is null)
        {
            return new SendOutcome.NotFound();
        }

        // A retry that found the message stored pushes nothing: the first send did, or the backstop does.
        if (stored.Created)
        {
            await live.AfterCommitAsync(push => push.MessageCreatedAsync(stored.Value), "message-created");
        }

        return new SendOutcome.Sent(stored);
    }

    /// <summary>The ids of the conversation's members written as @username in the text (others stay plain text).</summary>
    public async Task<IReadOnlyList<string>> MentionedMembersAsync(string conversationId, string text, CancellationToken cancellationToken)
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
}
