using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.RateLimiting;
using NexusChat.Realtime.Calls;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// Caps hub invocations per connection and per user (<see cref="UserInvocationLimiter"/>); an invocation over either
/// limit fails with a typed error. A connection lives on one replica, so its counter lives there too, in memory: the
/// Redis counter it replaced cost a round trip on every hub call, a send included, and bought nothing for a
/// per-connection limit. A call that rings someone also counts against a per-user limit across replicas
/// (<see cref="CallStartLimit"/>, checked where the call is created).
/// </summary>
public sealed class HubRateLimitFilter(IOptions<RateLimitOptions> limits, UserInvocationLimiter users) : IHubFilter
{
    private static readonly object LimiterKey = new();
    private static readonly object SignalLimiterKey = new();

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Call signals come in bursts (ICE candidates) and have an allowance of their own, so a call cannot use up
        // the one chat needs, nor chat the one a call needs.
        if (invocationContext.HubMethodName == nameof(ChatHub.SendCallSignal))
        {
            using var signalLease = Acquire(invocationContext.Context.Items, SignalLimiterKey, limits.Value.CallSignalsPerConnection);
            Refuse(signalLease, limits.Value.CallSignalsPerConnection);
            return await next(invocationContext);
        }

        using var lease = Acquire(invocationContext.Context.Items, LimiterKey, limits.Value.HubInvocationsPerConnection);
        Refuse(lease, limits.Value.HubInvocationsPerConnection);
        using var userLease = users.Acquire(invocationContext.Context.UserIdentifier ?? string.Empty);
        Refuse(userLease, limits.Value.HubInvocationsPerUser);
        return await next(invocationContext);
    }

    private static RateLimitLease Acquire(IDictionary<object, object?> items, object key, RateLimit limit)
    {
        if (!items.TryGetValue(key, out var found) || found is not FixedWindowRateLimiter limiter)
        {
            // The window starts at the connection's first call, as it did with the Redis counter.
            items[key] = limiter = NewLimiter(limit);
        }

        limiter.TryReplenish();
        return limiter.AttemptAcquire();
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
        foreach (var key in new[] { LimiterKey, SignalLimiterKey })
        {
            if (context.Context.Items.TryGetValue(key, out var limiter))
            {
                (limiter as IDisposable)?.Dispose();
            }
        }

        await next(context, exception);
    }
}
