using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// Hub invocations per user, over all of the user's connections on this replica: without it, the per-connection limit
/// times the connection cap is what one account may ask of a replica. In memory like the per-connection limit (no Redis
/// round trip per call); a user spread over k replicas gets k budgets, bounded by the connection cap.
/// </summary>
public sealed class UserInvocationLimiter(IOptions<RateLimitOptions> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.HubInvocationsPerUser.PermitLimit,
            Window = limits.Value.HubInvocationsPerUser.Window,
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    public RateLimitLease Acquire(string userId) => _limiter.AttemptAcquire(userId);

    public void Dispose() => _limiter.Dispose();
}
