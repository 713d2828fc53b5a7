using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Errors;

/// <summary>
/// A change the store could not commit in time for contention on its conversation: 503 with Retry-After and its own
/// problem type (nothing was written, so the same request may simply be sent again), never a 500.
/// </summary>
public sealed class ConversationBusyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ConversationBusyException busy)
        {
            return false;
        }

        var seconds = (int)Math.Max(1, Math.Ceiling(busy.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.ConversationBusy,
                Title = "The conversation is too busy to take the change now.",
                Detail = $"Nothing was changed; send the request again in {seconds} s.",
            },
        });
    }
}
