using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// Caps hub invocations per connection; an invocation over the limit fails with a typed error. A connection lives on
/// one replica, so its counter lives there too, in memory: the Redis counter it replaced cost a round trip on every
/// hub call, a send included, and bought nothing for a per-connection limit.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<RateLimitOptions> limits) : IHubFilter
{
    private static readonly object LimiterKey = new();

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (!items.TryGetValue(LimiterKey, out var found) || found is not FixedWindowRateLimiter limiter)
        {
            // The window starts at the connection's first call, as it did with the Redis counter.
            items[LimiterKey] = limiter = NewLimiter(limits.Value.HubInvocationsPerConnection);
        }

        limiter.TryReplenish();
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Value.HubInvocationsPerConnection.Window;
            throw HubErrors.Of(HubError.RateLimited((int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))));
        }

        return await next(invocationContext);
    }

    // Replenished on use: a timer per connection would cost more than the check.
    private static FixedWindowRateLimiter NewLimiter(RateLimit limit) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    public async Task OnDisconnectedAsync(
        HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(LimiterKey, out var limiter))
        {
            (limiter as IDisposable)?.Dispose();
        }

        await next(context, exception);
    }
}
