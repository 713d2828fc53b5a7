using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexusChat.Client.Rest;

/// <summary>The RFC 7807 body the API (and the gateway) send with every error, read into an <see cref="ApiProblemException"/>.</summary>
internal sealed record ProblemBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors)
{
    public static async Task<ApiProblemException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
        }
        catch (JsonException)
        {
            // A proxy error page or an empty body: the status code is all there is to say.
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (e.g. text/html from something in front of the gateway).
        }

        return new ApiProblemException(
            response.StatusCode,
            body?.Type,
            body?.Title ?? FallbackTitle(response.StatusCode),
            body?.Detail,
            body?.Errors ?? new Dictionary<string, string[]>());
    }

    private static string FallbackTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in again.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and try again.",
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout =>
            "The server is not reachable right now; try again shortly.",
        _ => $"The request failed ({(int)status}).",
    };
}
