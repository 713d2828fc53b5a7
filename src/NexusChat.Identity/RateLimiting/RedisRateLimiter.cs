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

    // Takes back one hit of a window still running (a hit that turned out not to count, e.g. a login that succeeded).
    private const string RefundScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
        return 0
        """;

    public async Task<RateLimitDecision> HitAsync(string key, RateLimit limit)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            HitScript, [Key(key)], [(long)limit.Window.TotalMilliseconds]))!;
        var count = (long)result[0];
        var remaining = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        return new RateLimitDecision(count <= limit.PermitLimit, remaining);
    }

    public Task RefundAsync(string key) => redis.GetDatabase().ScriptEvaluateAsync(RefundScript, [Key(key)]);

    /// <summary>The hits in the current window, without counting one.</summary>
    public async Task<long> CountAsync(string key) => (long?)await redis.GetDatabase().StringGetAsync(Key(key)) ?? 0;

    private static RedisKey Key(string key) => $"nexuschat:rate:{key}";
}

public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary><paramref name="PermitLimit"/> hits per <paramref name="Window"/>.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window);
