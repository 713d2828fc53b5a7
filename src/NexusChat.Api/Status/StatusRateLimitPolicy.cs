using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NexusChat.Api.Errors;
using NexusChat.Identity;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Api.Status;

/// <summary>
/// <c>/api/status</c> per client address, counted in this process rather than in Redis: the endpoint must keep
/// answering while Redis is down (that is when it matters), and the cache already bounds what a replica probes, so
/// a client that spreads over the replicas gains answers, not load on the dependencies.
/// </summary>
public sealed class StatusRateLimitPolicy(IOptions<StatusOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "status-per-address";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.ClientAddress(), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAddress.PermitLimit,
            Window = options.Value.PerAddress.Window,
            QueueLimit = 0,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, _) =>
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        await RateLimitResponses.TooManyRequests(rejected.HttpContext, new RateLimitDecision(false, retryAfter))
            .ExecuteAsync(rejected.HttpContext);
    };
}
