using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>Reading a thread (replies are sent through the messages route with a threadId).</summary>
public static class ThreadsApi
{
    /// <param name="before">The latest replies below this seq (the latest of all when no cursor is given).</param>
    /// <param name="after">The replies above this seq: what a client with the thread open missed.</param>
    public static async Task<Results<Ok<ThreadPageDto>, ValidationProblem, ProblemHttpResult>> GetThread(
        string id, string messageId, [AsParameters] ConversationServices services, long? before = null, long? after = null, int limit = 50) =>
        await services.Commands.ThreadAsync(services.CallerId, id, messageId, before, after, limit, services.Aborted) switch
        {
            CommandOutcome.Done<ThreadPage> { Value: var page } => TypedResults.Ok(new ThreadPageDto(
                page.Root.ToDto(services.CallerId),
                page.Replies.Select(r => r.ToDto(services.CallerId)).ToList(),
                page.Next?.ToString(CultureInfo.InvariantCulture))),
            CommandOutcome.Invalid invalid => Problems.Invalid(invalid.Field, invalid.Message),
            var failed => Problems.For(failed),
        };
}
