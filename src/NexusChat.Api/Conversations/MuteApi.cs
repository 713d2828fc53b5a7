using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>
/// A member's own mute of a conversation, kept on the server so every device of theirs follows it (the list shows it
/// as <c>muted</c>). Mapped by <see cref="ConversationsApi"/>.
/// </summary>
public static class MuteApi
{
    public static RouteGroupBuilder MapMuteApi(this RouteGroupBuilder conversations)
    {
        conversations.MapPut("/{id}/mute", Mute).WithName(nameof(Mute))
            .WithSummary("Mute the conversation for yourself (members; muting again changes nothing).");
        conversations.MapDelete("/{id}/mute", Unmute).WithName(nameof(Unmute))
            .WithSummary("Unmute the conversation for yourself (members; unmuting again changes nothing).");
        return conversations;
    }

    public static Task<Results<NoContent, ProblemHttpResult>> Mute(string id, [AsParameters] ConversationServices services) =>
        SetAsync(id, muted: true, services);

    public static Task<Results<NoContent, ProblemHttpResult>> Unmute(string id, [AsParameters] ConversationServices services) =>
        SetAsync(id, muted: false, services);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(string id, bool muted, ConversationServices services) =>
        await services.Commands.SetMutedAsync(services.CallerId, id, muted, services.Aborted) switch
        {
            CommandOutcome.Done<MemberRecord> => TypedResults.NoContent(),
            var failed => Problems.For(failed),
        };
}
