using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>
/// Who may see and do what in a conversation. A private channel or direct conversation does not exist for a
/// non-member (404, so ids reveal nothing); a public channel can be seen and joined by anyone signed in, but
/// only members take part in it.
/// </summary>
public sealed record ConversationAccess(ConversationRecord Conversation, MemberRecord? Member)
{
    public bool IsMember => Member is not null;

    public bool IsAdmin => Member?.Role is MemberRoles.Owner or MemberRoles.Admin;

    public bool IsOwner => Member?.Role == MemberRoles.Owner;

    public bool IsPublicChannel =>
        Conversation.Type == ConversationTypes.Channel && Conversation.Visibility == ChannelVisibility.Public;

    /// <summary>The conversation as the caller may see it, or the 404 that hides it.</summary>
    public static async Task<(ConversationAccess? Access, ProblemHttpResult? Problem)> LoadAsync(
        IConversationStore store, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var conversation = await store.GetConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return (null, Problems.NotFound("conversation"));
        }

        var member = await store.GetMemberAsync(conversationId, userId, cancellationToken);
        var access = new ConversationAccess(conversation, member);
        return member is null && !access.IsPublicChannel ? (null, Problems.NotFound("conversation")) : (access, null);
    }

    public ProblemHttpResult? RequireMember() =>
        IsMember ? null : Problems.Forbidden("Join the channel first.");

    public ProblemHttpResult? RequireAdmin() =>
        IsAdmin ? null : Problems.Forbidden("Only the channel's owner and admins may do this.");

    public ProblemHttpResult? RequireOwner() =>
        IsOwner ? null : Problems.Forbidden("Only the channel's owner may do this.");
}
