using System.Net;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Client.Rest;

/// <summary>
/// An answer of the API other than success, carrying its ProblemDetails so the UI can say what went wrong in the
/// server's own words (title, detail, and the message of each invalid field).
/// </summary>
public sealed class ApiProblemException(
    HttpStatusCode status, string? type, string title, string? detail, IReadOnlyDictionary<string, string[]> fieldErrors)
    : Exception(detail is null ? title : $"{title} {detail}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The stable problem type URI (e.g. https://nexuschat.dev/problems/username-taken); null when the body was not a ProblemDetails.</summary>
    public string? Type { get; } = type;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Field name (as the API spells it, e.g. <c>username</c>) to its messages; empty unless validation failed.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; } = fieldErrors;

    /// <summary>Everything the user should read, one line per message: the field errors when there are some, else title and detail.</summary>
    public IEnumerable<string> Messages =>
        FieldErrors.Count > 0 ? FieldErrors.SelectMany(entry => entry.Value) : [Detail is null ? Title : $"{Title} {Detail}"];

    /// <summary>A failed hub call as the same exception a REST call fails with, so a UI shows both one way.</summary>
    public static ApiProblemException From(HubError error) => new(
        error.Code switch
        {
            HubErrorCodes.Validation => HttpStatusCode.BadRequest,
            HubErrorCodes.NotFound => HttpStatusCode.NotFound,
            HubErrorCodes.Forbidden => HttpStatusCode.Forbidden,
            HubErrorCodes.Conflict => HttpStatusCode.Conflict,
            _ => HttpStatusCode.TooManyRequests,
        },
        type: null,
        title: error.Message,
        detail: null,
        fieldErrors: error.Field is null
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { [error.Field] = [error.Message] });
}
