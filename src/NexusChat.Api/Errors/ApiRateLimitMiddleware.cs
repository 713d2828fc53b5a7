using Microsoft.Extensions.Options;
using NexusChat.Identity;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Api.Errors;

/// <summary>Counts every authenticated request against its user's allowance, shared by all api replicas.</summary>
public sealed class ApiRateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter, IOptions<RateLimitOptions> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var decision = await limiter.HitAsync($"api:user:{context.User.UserId()}", limits.Value.ApiPerUser);
            if (!decision.Allowed)
            {
                await RateLimitResponses.TooManyRequests(context, decision).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
