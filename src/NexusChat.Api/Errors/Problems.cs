using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Conversations.Commands;

namespace NexusChat.Api.Errors;

/// <summary>The ProblemDetails answers handlers share, each with its stable type.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: $"No such {what}.");

    public static ProblemHttpResult Forbidden(string why) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: why);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: ProblemTypes.Validation);

    public static ProblemHttpResult MessageDeleted() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.MessageDeleted, title: "The message was deleted.");

    public static ProblemHttpResult TooManyReactions(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.TooManyReactions,
            title: $"The message already has {limit} different reactions, the most it may have.");

    public static ProblemHttpResult CallMessage() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.CallMessage,
            title: "A call's history message cannot be edited or deleted.");

    /// <summary>The answer to a command that did not happen (validation failures map to <see cref="Invalid"/> instead).</summary>
    public static ProblemHttpResult For(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.NotFound notFound => NotFound(notFound.What),
        CommandOutcome.Forbidden forbidden => Forbidden(forbidden.Reason),
        CommandOutcome.MessageDeleted => MessageDeleted(),
        CommandOutcome.TooManyReactions tooMany => TooManyReactions(tooMany.Limit),
        CommandOutcome.CallMessage => CallMessage(),
        _ => throw new UnreachableException($"{outcome} is not a failure"),
    };
}
