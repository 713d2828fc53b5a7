using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.RateLimiting;
using NexusChat.Realtime.Hubs;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Calls one user may start (<see cref="CallOptions.StartsPerUser"/>), counted in Redis over all their devices and every
/// replica: each start rings every device of the invited, so a loop of starts and cancels would otherwise turn one
/// account into a pager aimed at others. Far above what a person clicks; the general hub limits apply as well.
/// </summary>
public sealed class CallStartLimit(RedisRateLimiter limiter, IOptions<CallOptions> options)
{
    public async Task CheckAsync(string userId)
    {
        var decision = await limiter.HitAsync($"call-start:{userId}", options.Value.StartsPerUser);
        if (!decision.Allowed)
        {
            throw HubErrors.Of(HubError.RateLimited((int)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds))));
        }
    }
}
