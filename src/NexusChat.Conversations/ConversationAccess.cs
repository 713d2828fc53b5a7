using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations;

/// <summary>
/// Who may see and do what in a conversation, for the REST api and the hub alike. A private channel or direct
/// conversation does not exist for a non-member (callers answer "not found", so ids reveal nothing); a public channel
/// can be seen and joined by anyone signed in, but only members take part in it.
/// </summary>
public sealed record ConversationAccess(ConversationRecord Conversation, MemberRecord? Member)
{
    public bool IsMember => Member is not null;

    public bool IsAdmin => Member?.Role is MemberRoles.Owner or MemberRoles.Admin;

    public bool IsOwner => Member?.Role == MemberRoles.Owner;

    public bool IsPublicChannel =>
        Conversation.Type == ConversationTypes.Channel && Conversation.Visibility == ChannelVisibility.Public;

    /// <summary>The conversation as <paramref name="userId"/> may see it; null when it does not exist for them.</summary>
    public static async Task<ConversationAccess?> LoadAsync(
        IConversationStore store, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var conversation = await store.GetConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var access = new ConversationAccess(conversation, await store.GetMemberAsync(conversationId, userId, cancellationToken));
        return access.IsMember || access.IsPublicChannel ? access : null;
    }
}
