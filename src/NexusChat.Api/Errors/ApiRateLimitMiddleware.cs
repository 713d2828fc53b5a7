using Microsoft.Extensions.Options;
using NexusChat.Api.Uploads;
using NexusChat.Identity;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Api.Errors;

/// <summary>
/// Counts every authenticated request against its user's allowance, shared by all api replicas: upload chunks against
/// their own (<see cref="RateLimitOptions.UploadChunksPerUser"/>), everything else against the REST one.
/// </summary>
public sealed class ApiRateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter, IOptions<RateLimitOptions> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var user = context.User.UserId();
            var decision = UploadsApi.IsChunkTraffic(context)
                ? await limiter.HitAsync($"api:upload-chunks:user:{user}", limits.Value.UploadChunksPerUser)
                : await limiter.HitAsync($"api:user:{user}", limits.Value.ApiPerUser);
            if (!decision.Allowed)
            {
                await RateLimitResponses.TooManyRequests(context, decision).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
