using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

public static class MessagesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/conversations/{id}").WithTags("Messages").RequireAuthorization();
        messages.MapPost("/messages", SendMessage).WithName(nameof(SendMessage))
            .WithSummary("Send a message; a retry with the same clientMessageId returns the stored message (200).");
        messages.MapGet("/messages", GetMessages).WithName(nameof(GetMessages))
            .WithSummary("History: ?before={seq} newest first; ?after={seq} oldest first (sync); ?changedSince={version} edits, deletes and reactions.");
        messages.MapPatch("/messages/{messageId}", EditMessage).WithName(nameof(EditMessage)).WithSummary("Edit your message.");
        messages.MapDelete("/messages/{messageId}", DeleteMessage).WithName(nameof(DeleteMessage))
            .WithSummary("Delete a message (its author, or the channel's owner and admins); a tombstone stays.");
        messages.MapPut("/messages/{messageId}/reactions/{emoji}", AddReaction).WithName(nameof(AddReaction));
        messages.MapDelete("/messages/{messageId}/reactions/{emoji}", RemoveReaction).WithName(nameof(RemoveReaction));
        messages.MapGet("/messages/{messageId}/thread", ThreadsApi.GetThread).WithName(nameof(ThreadsApi.GetThread))
            .WithSummary("A thread's root and replies, oldest first: the latest page, ?before={seq} earlier ones, ?after={seq} newer ones.");
        messages.MapPost("/read", MarkRead).WithName(nameof(MarkRead))
            .WithSummary("Move your read position forward to seq (it never moves back).");
        return app;
    }

    public static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> SendMessage(
        string id, SendMessageRequest request, [AsParameters] ConversationServices services)
    {
        var outcome = await services.Commands.SendAsync(
            services.CallerId, id, request.Text, request.ClientMessageId, request.ReplyToId, request.Attachments,
            ThreadTarget.From(request.ThreadId, request.AlsoToChannel), services.Aborted);
        switch (outcome)
        {
            case CommandOutcome.Done<Stored<MessageRecord>> { Value: var stored }:
                services.Metrics.MessageSent(stored.Created);
                var dto = stored.Value.ToDto(services.CallerId);
                return stored.Created ? TypedResults.Created($"/api/conversations/{id}/messages/{dto.Id}", dto) : TypedResults.Ok(dto);
            case CommandOutcome.Invalid invalid:
                return Problems.Invalid(invalid.Field, invalid.Message);
            default:
                return Problems.For(outcome);
        }
    }

    /// <param name="before">Newest first, below this seq (the latest messages when no cursor is given).</param>
    /// <param name="after">Oldest first, above this seq: what a reconnecting client missed.</param>
    /// <param name="changedSince">Messages created, edited, deleted or reacted to after this conversation version.</param>
    public static async Task<Results<Ok<Page<MessageDto>>, ValidationProblem, ProblemHttpResult>> GetMessages(
        string id, [AsParameters] ConversationServices services,
        long? before = null, long? after = null, long? changedSince = null, int limit = 50)
    {
        // Members and, for public channels, anyone previewing may read.
        var (_, problem) = await AccessProblems.LoadAsync(services, id);
        if (problem is not null)
        {
            return problem;
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxPageSize}.");
        }

        if (new[] { before, after, changedSince }.Count(cursor => cursor is not null) > 1)
        {
            return Problems.Invalid("cursor", "Give at most one of before, after and changedSince.");
        }

        if (before < 0 || after < 0 || changedSince < 0)
        {
            return Problems.Invalid("cursor", "Cursors are not negative.");
        }

        var store = services.Conversations;
        var (messages, next) = (after, changedSince) switch
        {
            ({ } afterSeq, _) => Page(await store.GetMessagesAfterAsync(id, afterSeq, limit, services.Aborted), limit, m => m.Seq),
            (_, { } version) => Page(await store.GetChangesSinceAsync(id, version, limit, services.Aborted), limit, m => m.Version),
            _ => Page(await store.GetMessagesBeforeAsync(id, before, limit, services.Aborted), limit, m => m.Seq),
        };
        return TypedResults.Ok(new Page<MessageDto>(messages.Select(m => m.ToDto(services.CallerId)).ToList(), next));
    }

    public static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> EditMessage(
        string id, string messageId, EditMessageRequest request, [AsParameters] ConversationServices services) =>
        MessageAnswer(await services.Commands.EditAsync(services.CallerId, id, messageId, request.Text, services.Aborted), services);

    public static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> DeleteMessage(
        string id, string messageId, [AsParameters] ConversationServices services) =>
        await services.Commands.DeleteAsync(services.CallerId, id, messageId, services.Aborted) switch
        {
            CommandOutcome.Done<MessageRecord> done => TypedResults.Ok(done.Value.ToDto(services.CallerId)),
            var failed => Problems.For(failed),
        };

    public static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> AddReaction(
        string id, string messageId, string emoji, [AsParameters] ConversationServices services) =>
        MessageAnswer(await services.Commands.ReactAsync(services.CallerId, id, messageId, emoji, add: true, services.Aborted), services);

    public static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> RemoveReaction(
        string id, string messageId, string emoji, [AsParameters] ConversationServices services) =>
        MessageAnswer(await services.Commands.ReactAsync(services.CallerId, id, messageId, emoji, add: false, services.Aborted), services);

    public static async Task<Results<Ok<ReadStateDto>, ValidationProblem, ProblemHttpResult>> MarkRead(
        string id, MarkReadRequest request, [AsParameters] ConversationServices services) =>
        await services.Commands.MarkReadAsync(services.CallerId, id, request.Seq, services.Aborted) switch
        {
            CommandOutcome.Done<long> done => TypedResults.Ok(new ReadStateDto(id, services.CallerId, done.Value)),
            CommandOutcome.Invalid invalid => Problems.Invalid(invalid.Field, invalid.Message),
            var failed => Problems.For(failed),
        };

    /// <summary>The REST answer to a command whose value is the changed message.</summary>
    private static Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult> MessageAnswer(CommandOutcome outcome, ConversationServices services) =>
        outcome switch
        {
            CommandOutcome.Done<MessageRecord> done => TypedResults.Ok(done.Value.ToDto(services.CallerId)),
            CommandOutcome.Invalid invalid => Problems.Invalid(invalid.Field, invalid.Message),
            var failed => Problems.For(failed),
        };

    private static (IReadOnlyList<MessageRecord> Items, string? Next) Page(
        IReadOnlyList<MessageRecord> items, int limit, Func<MessageRecord, long> cursor) =>
        (items, items.Count == limit ? cursor(items[^1]).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
}
