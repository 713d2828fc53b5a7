using System.Net.Http.Json;
using System.Text.Json;

namespace NexusChat.Tests.Hostile;

/// <summary>What a hostile request got back: its status and, for an error, the ProblemDetails type (null if the body is none).</summary>
public sealed record HostileAnswer(string Request, int Status, string? MediaType, string? ProblemType)
{
    /// <summary>The type URIs of the api's own ProblemDetails: an answer with one was written by our code, past authentication.</summary>
    public const string OwnProblemTypes = "https://nexuschat.dev/problems/";

    public static async Task<HostileAnswer> ReadAsync(string request, HttpResponseMessage response)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        string? type = null;
        if (mediaType == "application/problem+json")
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            type = problem.TryGetProperty("type", out var value) ? value.GetString() : null;
        }

        return new HostileAnswer(request, (int)response.StatusCode, mediaType, type);
    }

    public bool IsProblem => MediaType == "application/problem+json";

    public bool IsOwnProblem => IsProblem && ProblemType?.StartsWith(OwnProblemTypes, StringComparison.Ordinal) == true;

    /// <summary>
    /// The request got past authentication and routing into the route: it succeeded, or our code refused it with one of
    /// our ProblemDetails. A 401 or 404 with the framework's generic type never reached the route.
    /// </summary>
    public bool ReachedTheRoute => Status is >= 200 and < 300 || (Status is >= 400 and < 500 && IsOwnProblem);

    /// <summary>Fails with every answer that is not <paramref name="allowed"/>, not just the first.</summary>
    public static void AssertEvery<T>(IEnumerable<T> answers, Func<T, bool> allowed)
    {
        var failures = answers.Where(answer => !allowed(answer)).Select(answer => answer?.ToString()).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    public override string ToString() => $"{Request}: {Status} {MediaType ?? "no body"} {ProblemType}";
}
