using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NexusChat.Api.Telemetry;
using NexusChat.Identity.RateLimiting;
using NexusChat.Identity.Sessions;
using NexusChat.Identity.Tokens;
using NexusChat.Storage.Accounts;

namespace NexusChat.Api.Accounts;

/// <summary>What the account handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class AccountServices(
    IUserStore users,
    IPasswordHasher<UserRecord> passwords,
    SessionStore sessions,
    AccessTokenIssuer tokens,
    RedisRateLimiter limiter,
    LoginThrottle loginThrottle,
    IOptions<RateLimitOptions> limits,
    TimeProvider time,
    ApiMetrics metrics)
{
    public IUserStore Users { get; } = users;
    public IPasswordHasher<UserRecord> Passwords { get; } = passwords;
    public SessionStore Sessions { get; } = sessions;
    public AccessTokenIssuer Tokens { get; } = tokens;
    public RedisRateLimiter Limiter { get; } = limiter;
    public LoginThrottle LoginThrottle { get; } = loginThrottle;
    public IOptions<RateLimitOptions> Limits { get; } = limits;
    public TimeProvider Time { get; } = time;
    public ApiMetrics Metrics { get; } = metrics;
}
