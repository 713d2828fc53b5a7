using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Api.Errors;

public static class RateLimitResponses
{
    /// <summary>429 with a Retry-After header (whole seconds, at least 1) and a ProblemDetails body.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, RateLimitDecision decision)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.RateLimited,
            title: "Too many requests.", detail: $"Try again in {seconds} s.");
    }
}
