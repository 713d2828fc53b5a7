using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>The HTTP answers to <see cref="ConversationAccess"/>: 404 for what the caller may not see, 403 for what they may not do.</summary>
public static class AccessProblems
{
    public static async Task<(ConversationAccess? Access, ProblemHttpResult? Problem)> LoadAsync(
        IConversationStore store, string conversationId, string userId, CancellationToken cancellationToken) =>
        await ConversationAccess.LoadAsync(store, conversationId, userId, cancellationToken) is { } access
            ? (access, null)
            : (null, Problems.NotFound("conversation"));

    public static ProblemHttpResult? RequireMember(this ConversationAccess access) =>
        access.IsMember ? null : Problems.Forbidden("Join the channel first.");

    public static ProblemHttpResult? RequireAdmin(this ConversationAccess access) =>
        access.IsAdmin ? null : Problems.Forbidden("Only the channel's owner and admins may do this.");

    public static ProblemHttpResult? RequireOwner(this ConversationAccess access) =>
        access.IsOwner ? null : Problems.Forbidden("Only the channel's owner may do this.");
}
