using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Realtime.Hubs;

/// <summary>Caps hub invocations per connection; an invocation over the limit fails with a typed error.</summary>
public sealed class HubRateLimitFilter(RedisRateLimiter limiter, IOptions<RateLimitOptions> limits) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var decision = await limiter.HitAsync(
            $"hub:connection:{invocationContext.Context.ConnectionId}", limits.Value.HubInvocationsPerConnection);
        if (!decision.Allowed)
        {
            throw HubErrors.Of(HubError.RateLimited((int)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds))));
        }

        return await next(invocationContext);
    }
}
