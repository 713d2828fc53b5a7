using Microsoft.Extensions.Options;

namespace NexusChat.Identity.RateLimiting;

/// <summary>
/// Guesses at a password are counted as failures, not attempts, so an attacker cannot lock the real user out:
/// an address that keeps failing for a username is refused for that username only, and failures from everywhere
/// only slow every sign-in as that username down by a bounded delay. The right password from another address
/// therefore always works, at worst <see cref="RateLimitOptions.LoginSlowdownMax"/> later.
/// </summary>
public sealed class LoginThrottle(RedisRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    /// <summary>
    /// Counts the attempt against the address's failure budget for the username before the password is checked, so
    /// parallel guesses cannot all slip past the limit; <see cref="SucceededAsync"/> takes it back.
    /// </summary>
    public Task<RateLimitDecision> BeginAsync(string normalizedUsername, string clientAddress) =>
        limiter.HitAsync(PairKey(normalizedUsername, clientAddress), options.Value.LoginFailuresPerUsernameAndAddress);

    /// <summary>How long this attempt waits before its password is checked.</summary>
    public async Task<TimeSpan> SlowdownAsync(string normalizedUsername)
    {
        var limits = options.Value;
        var excess = await limiter.CountAsync(UsernameKey(normalizedUsername)) - limits.LoginFailuresPerUsernameBeforeSlowdown.PermitLimit;
        return excess <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(limits.LoginSlowdownStep.Ticks * excess, limits.LoginSlowdownMax.Ticks));
    }

    public Task SucceededAsync(string normalizedUsername, string clientAddress) =>
        limiter.RefundAsync(PairKey(normalizedUsername, clientAddress));

    public Task FailedAsync(string normalizedUsername) =>
        limiter.HitAsync(UsernameKey(normalizedUsername), options.Value.LoginFailuresPerUsernameBeforeSlowdown);

    // The address, which the caller cannot choose, comes first: no username can make one key look like another.
    private static string PairKey(string username, string address) => $"login:fail-pair:{address}:{username}";

    private static string UsernameKey(string username) => $"login:fail-user:{username}";
}
