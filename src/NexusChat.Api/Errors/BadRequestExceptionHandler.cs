using Microsoft.AspNetCore.Diagnostics;

namespace NexusChat.Api.Errors;

/// <summary>
/// Turns request-reading failures (malformed or non-UTF-8 JSON, wrong types, oversized bodies) into their own
/// 4xx ProblemDetails instead of a 500; anything else falls through to the default handler.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Type = ProblemTypes.BadRequest,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = badRequest.Message,
            },
        });
    }
}
