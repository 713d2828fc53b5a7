using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>The HTTP answers to <see cref="ConversationAccess"/>: 404 for what the caller may not see, 403 for what they may not do.</summary>
public static class AccessProblems
{
    /// <summary>
    /// The conversation as the caller may see it, or the answer that stops the handler: 404 when it does not exist
    /// for them, the 403 of <paramref name="require"/> when they may not do what they asked.
    /// </summary>
    public static async Task<(ConversationAccess? Access, ProblemHttpResult? Problem)> LoadAsync(
        ConversationServices services, string conversationId, Func<ConversationAccess, ProblemHttpResult?>? require = null)
    {
        var access = await ConversationAccess.LoadAsync(services.Conversations, conversationId, services.CallerId, services.Aborted);
        if (access is null)
        {
            return (null, Problems.NotFound("conversation"));
        }

        return require?.Invoke(access) is { } forbidden ? (null, forbidden) : (access, null);
    }

    public static ProblemHttpResult? RequireMember(this ConversationAccess access) =>
        access.IsMember ? null : Problems.Forbidden("Join the channel first.");

    public static ProblemHttpResult? RequireAdmin(this ConversationAccess access) =>
        access.IsAdmin ? null : Problems.Forbidden("Only the channel's owner and admins may do this.");

    public static ProblemHttpResult? RequireOwner(this ConversationAccess access) =>
        access.IsOwner ? null : Problems.Forbidden("Only the channel's owner may do this.");
}
