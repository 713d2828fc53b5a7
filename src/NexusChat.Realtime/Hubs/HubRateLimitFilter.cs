using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// Caps hub invocations per connection and per user (<see cref="UserInvocationLimiter"/>); an invocation over either
/// limit fails with a typed error. A connection lives on one replica, so its counter lives there too, in memory: the
/// Redis counter it replaced cost a round trip on every hub call, a send included, and bought nothing for a
/// per-connection limit.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<RateLimitOptions> limits, UserInvocationLimiter users) : IHubFilter
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
        Refuse(lease, limits.Value.HubInvocationsPerConnection);
        using var userLease = users.Acquire(invocationContext.Context.UserIdentifier ?? string.Empty);
        Refuse(userLease, limits.Value.HubInvocationsPerUser);
        return await next(invocationContext);
    }

    private static void Refuse(RateLimitLease lease, RateLimit limit)
    {
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
            throw HubErrors.Of(HubError.RateLimited((int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))));
        }
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
