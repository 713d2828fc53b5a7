using StackExchange.Redis;

namespace NexusChat.Identity.RateLimiting;

/// <summary>
/// Fixed-window counters in Redis, so a limit holds across every replica (a per-process limiter would let a
/// client multiply its allowance by the number of replicas). Written by hand: System.Threading.RateLimiting has
/// no distributed store and our package source has no Redis-backed limiter.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis)
{
    // Counts the hit and starts the window on the first one; returns the count and the window's remaining ms.
    private const string HitScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return { count, redis.call('PTTL', KEYS[1]) }
        """;

    public async Task<RateLimitDecision> HitAsync(string key, RateLimit limit)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            HitScript, [$"nexuschat:rate:{key}"], [(long)limit.Window.TotalMilliseconds]))!;
        var count = (long)result[0];
        var remaining = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        return new RateLimitDecision(count <= limit.PermitLimit, remaining);
    }
}

public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary><paramref name="PermitLimit"/> hits per <paramref name="Window"/>.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window);
