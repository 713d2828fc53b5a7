using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations;
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
        messages.MapPost("/read", MarkRead).WithName(nameof(MarkRead))
            .WithSummary("Move your read position forward to seq (it never moves back).");
        return app;
    }

    public static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> SendMessage(
        string id, SendMessageRequest request, [AsParameters] ConversationServices services)
    {
        var outcome = await services.Sender.SendAsync(
            services.CallerId, id, request.Text, request.ClientMessageId, request.ReplyToId, services.Aborted);
        switch (outcome)
        {
            case SendOutcome.Sent { Message: var stored }:
                services.Metrics.MessageSent(stored.Created);
                var dto = stored.Value.ToDto(services.CallerId);
                return stored.Created ? TypedResults.Created($"/api/conversations/{id}/messages/{dto.Id}", dto) : TypedResults.Ok(dto);
            case SendOutcome.Invalid invalid:
                return Problems.Invalid(invalid.Field, invalid.Message);
            case SendOutcome.NotAMember:
                return Problems.Forbidden("Join the channel first.");
            default:
                return Problems.NotFound("conversation");
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
        string id, string messageId, EditMessageRequest request, [AsParameters] ConversationServices services)
    {
        var (message, problem) = await LoadMessageAsync(id, messageId, services);
        if (problem is not null)
        {
            return problem;
        }

        if (message!.SenderId != services.CallerId)
        {
            return Problems.Forbidden("Only the author may edit a message.");
        }

        if (message.Deleted)
        {
            return DeletedProblem();
        }

        if (MessageRules.CheckText(request.Text) is { } textError)
        {
            return Problems.Invalid("text", textError);
        }

        var mentions = await services.Sender.MentionedMembersAsync(id, request.Text!, services.Aborted);
        var edited = await services.Conversations.EditMessageAsync(id, messageId, request.Text!, mentions, services.Aborted);
        await PushChangeAsync(message, edited, services);
        return edited is null ? Problems.NotFound("message") : TypedResults.Ok(edited.ToDto(services.CallerId));
    }

    public static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> DeleteMessage(
        string id, string messageId, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id);
        if (access is null)
        {
            return problem!;
        }

        var message = await services.Conversations.GetMessageAsync(id, messageId, services.Aborted);
        if (message is null)
        {
            return Problems.NotFound("message");
        }

        if (message.SenderId != services.CallerId && !access.IsAdmin)
        {
            return Problems.Forbidden("Only the author or the channel's owner and admins may delete a message.");
        }

        var deleted = await services.Conversations.DeleteMessageAsync(id, messageId, services.Aborted);
        await PushChangeAsync(message, deleted, services);
        return deleted is null ? Problems.NotFound("message") : TypedResults.Ok(deleted.ToDto(services.CallerId));
    }

    public static Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> AddReaction(
        string id, string messageId, string emoji, [AsParameters] ConversationServices services) =>
        ReactAsync(id, messageId, emoji, services, add: true);

    public static Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> RemoveReaction(
        string id, string messageId, string emoji, [AsParameters] ConversationServices services) =>
        ReactAsync(id, messageId, emoji, services, add: false);

    public static async Task<Results<Ok<ReadStateDto>, ValidationProblem, ProblemHttpResult>> MarkRead(
        string id, MarkReadRequest request, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id, AccessProblems.RequireMember);
        if (access is null)
        {
            return problem!;
        }

        if (request.Seq is not >= 0)
        {
            return Problems.Invalid("seq", "seq is the last read message's seq (0 or more).");
        }

        var effective = await services.Conversations.MarkReadAsync(id, services.CallerId, request.Seq.Value, services.Aborted);
        if (effective is { } position)
        {
            await services.Live.AfterCommitAsync(push => push.ReadStateChangedAsync(id, services.CallerId, position), "read-state");
        }

        return effective is null
            ? Problems.NotFound("member")
            : TypedResults.Ok(new ReadStateDto(id, services.CallerId, effective.Value));
    }

    private static async Task<Results<Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> ReactAsync(
        string id, string messageId, string emoji, ConversationServices services, bool add)
    {
        var (message, problem) = await LoadMessageAsync(id, messageId, services);
        if (problem is not null)
        {
            return problem;
        }

        if (!MessageRules.IsEmoji(emoji))
        {
            return Problems.Invalid("emoji", "A reaction is one emoji.");
        }

        if (message!.Deleted)
        {
            return DeletedProblem();
        }

        var store = services.Conversations;
        var updated = add
            ? await store.AddReactionAsync(id, messageId, services.CallerId, emoji, services.Aborted)
            : await store.RemoveReactionAsync(id, messageId, services.CallerId, emoji, services.Aborted);
        await PushChangeAsync(message, updated, services);
        return updated is null ? Problems.NotFound("message") : TypedResults.Ok(updated.ToDto(services.CallerId));
    }

    /// <summary>The message, for a member of its conversation.</summary>
    private static async Task<(MessageRecord? Message, ProblemHttpResult? Problem)> LoadMessageAsync(
        string id, string messageId, ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id, AccessProblems.RequireMember);
        if (access is null)
        {
            return (null, problem);
        }

        var message = await services.Conversations.GetMessageAsync(id, messageId, services.Aborted);
        return message is null ? (null, Problems.NotFound("message")) : (message, null);
    }

    /// <summary>Pushes a change to the members at once; a call that changed nothing (the same version) pushes nothing.</summary>
    private static Task PushChangeAsync(MessageRecord before, MessageRecord? after, ConversationServices services) =>
        after is null || after.Version == before.Version
            ? Task.CompletedTask
            : services.Live.AfterCommitAsync(push => push.MessageChangedAsync(after, CancellationToken.None), "message-changed");

    private static (IReadOnlyList<MessageRecord> Items, string? Next) Page(
        IReadOnlyList<MessageRecord> items, int limit, Func<MessageRecord, long> cursor) =>
        (items, items.Count == limit ? cursor(items[^1]).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

    private static ProblemHttpResult DeletedProblem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.MessageDeleted, title: "The message was deleted.");
}
