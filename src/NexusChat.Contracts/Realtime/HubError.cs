using System.Text.RegularExpressions;

namespace NexusChat.Contracts.Realtime;

/// <summary>
/// A failed hub call in one typed format. The server throws a HubException whose message is <see cref="ToString"/>;
/// SignalR hands the client "An unexpected error occurred invoking 'M' on the server. HubException: " followed by it,
/// and <see cref="Parse"/> reads it back. Formats: <c>validation: field: reason</c>, <c>not_found: no such thing</c>,
/// <c>forbidden: reason</c>, <c>conflict: reason</c>, <c>rate_limited: retry in N s</c>, <c>busy: retry in N s</c>.
/// </summary>
/// <param name="Code">One of <see cref="HubErrorCodes"/>.</param>
/// <param name="Field">The invalid argument, for <see cref="HubErrorCodes.Validation"/>.</param>
/// <param name="RetryAfterSeconds">When to call again, for <see cref="HubErrorCodes.RateLimited"/> and <see cref="HubErrorCodes.Busy"/>.</param>
public sealed partial record HubError(string Code, string Message, string? Field = null, int? RetryAfterSeconds = null)
{
    private const string Marker = "HubException: ";

    public static HubError Validation(string field, string message) => new(HubErrorCodes.Validation, message, field);

    public static HubError NotFound(string what) => new(HubErrorCodes.NotFound, $"no such {what}");

    public static HubError Forbidden(string reason) => new(HubErrorCodes.Forbidden, reason);

    public static HubError Conflict(string reason) => new(HubErrorCodes.Conflict, reason);

    public static HubError RateLimited(int retryAfterSeconds) =>
        new(HubErrorCodes.RateLimited, $"retry in {retryAfterSeconds} s", RetryAfterSeconds: retryAfterSeconds);

    public static HubError Busy(int retryAfterSeconds) =>
        new(HubErrorCodes.Busy, $"retry in {retryAfterSeconds} s", RetryAfterSeconds: retryAfterSeconds);

    public override string ToString() =>
        Code == HubErrorCodes.Validation ? $"{Code}: {Field}: {Message}" : $"{Code}: {Message}";

    /// <summary>The error a hub call failed with; null for a message not in this format (a server bug, a lost connection).</summary>
    public static HubError? Parse(string? exceptionMessage)
    {
        if (exceptionMessage is null)
        {
            return null;
        }

        var text = exceptionMessage.Split(Marker, 2) is [_, var afterMarker] ? afterMarker : exceptionMessage;
        return text.Split(": ", 2) switch
        {
            [HubErrorCodes.Validation, var rest] when rest.Split(": ", 2) is [var field, var message] => Validation(field, message),
            [HubErrorCodes.RateLimited, var rest] when RetryAfterPattern().Match(rest) is { Success: true } match =>
                RateLimited(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
            [HubErrorCodes.Busy, var rest] when RetryAfterPattern().Match(rest) is { Success: true } match =>
                Busy(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
            [var code, var message] when code is HubErrorCodes.NotFound or HubErrorCodes.Forbidden or HubErrorCodes.Conflict =>
                new HubError(code, message),
            _ => null,
        };
    }

    [GeneratedRegex(@"^retry in (\d{1,9}) s$")]
    private static partial Regex RetryAfterPattern();
}
