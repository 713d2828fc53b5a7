using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Identity.Sessions;

/// <summary>
/// Sessions live in Redis so every replica sees the same ones and a revocation takes effect everywhere on the
/// next request. A session holds the hash of its one valid refresh token; refreshing swaps it atomically, and
/// presenting any other token for a live session means a spent (stolen) token was replayed, so the session dies.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Realtime replicas listen here to close the hub connections of revoked sessions.</summary>
    public static readonly RedisChannel RevokedChannel = RedisChannel.Literal("nexuschat:sessions:revoked");

    // KEYS[1] session, KEYS[2] user's session set; ARGV: presented hash, new hash, ttl ms, session id.
    // Returns the user id when rotated, "reused" when the session was revoked for replay, nil when unknown.
    private const string RotateScript = """
        local current = redis.call('HGET', KEYS[1], 'refresh')
        if not current then return nil end
        if current ~= ARGV[1] then
          local user = redis.call('HGET', KEYS[1], 'user')
          redis.call('DEL', KEYS[1])
          redis.call('SREM', KEYS[2] .. user, ARGV[4])
          return 'reused'
        end
        redis.call('HSET', KEYS[1], 'refresh', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return redis.call('HGET', KEYS[1], 'user')
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<(string SessionId, string RefreshToken)> CreateAsync(string userId)
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var secret = NewSecret();
        var lifetime = options.Value.RefreshTokenLifetime;
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(SessionKey(sessionId),
        [
            new HashEntry("user", userId),
            new HashEntry("refresh", Hash(secret)),
            new HashEntry("created", time.GetUtcNow().ToUnixTimeMilliseconds()),
        ]);
        _ = transaction.KeyExpireAsync(SessionKey(sessionId), lifetime);
        _ = transaction.SetAddAsync(UserSessionsKey(userId), sessionId);
        _ = transaction.KeyExpireAsync(UserSessionsKey(userId), lifetime, ExpireWhen.GreaterThanCurrentExpiry);
        await transaction.ExecuteAsync();
        return (sessionId, $"{sessionId}.{secret}");
    }

    public async Task<RefreshOutcome> RefreshAsync(string refreshToken)
    {
        if (!TryParse(refreshToken, out var sessionId, out var secret))
        {
            return RefreshOutcome.Invalid;
        }

        var newSecret = NewSecret();
        var result = await Db.ScriptEvaluateAsync(RotateScript,
            [SessionKey(sessionId), UserSessionsKeyPrefix],
            [Hash(secret), Hash(newSecret), (long)options.Value.RefreshTokenLifetime.TotalMilliseconds, sessionId]);
        if (result.IsNull)
        {
            return RefreshOutcome.Invalid;
        }

        var value = (string)result!;
        if (value == "reused")
        {
            await redis.GetSubscriber().PublishAsync(RevokedChannel, sessionId);
            return RefreshOutcome.Reused;
        }

        return RefreshOutcome.Rotated(value, sessionId, $"{sessionId}.{newSecret}");
    }

    public Task<bool> IsActiveAsync(string sessionId) => Db.KeyExistsAsync(SessionKey(sessionId));

    public async Task<string?> UserOfAsync(string sessionId) => await Db.HashGetAsync(SessionKey(sessionId), "user");

    public async Task RevokeAsync(string userId, string sessionId)
    {
        await Db.KeyDeleteAsync(SessionKey(sessionId));
        await Db.SetRemoveAsync(UserSessionsKey(userId), sessionId);
        await redis.GetSubscriber().PublishAsync(RevokedChannel, sessionId);
    }

    public async Task RevokeAllAsync(string userId)
    {
        var sessions = await Db.SetMembersAsync(UserSessionsKey(userId));
        await Db.KeyDeleteAsync([.. sessions.Select(s => SessionKey(s!)), UserSessionsKey(userId)]);
        foreach (var session in sessions)
        {
            await redis.GetSubscriber().PublishAsync(RevokedChannel, (string)session!);
        }
    }

    private const string UserSessionsKeyPrefix = "nexuschat:user-sessions:";

    private static RedisKey SessionKey(string sessionId) => $"nexuschat:session:{sessionId}";

    private static RedisKey UserSessionsKey(string userId) => UserSessionsKeyPrefix + userId;

    private static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    // Only a hash is stored, so a Redis dump does not hand out usable refresh tokens.
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryParse(string token, out string sessionId, out string secret)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        sessionId = dot > 0 ? token[..dot] : string.Empty;
        secret = dot > 0 ? token[(dot + 1)..] : string.Empty;
        return sessionId.Length == 32 && sessionId.All(char.IsAsciiHexDigitLower) && secret.Length is > 0 and <= 64;
    }
}

/// <summary>What a refresh did: rotated the token, revoked a replayed session, or found nothing to refresh.</summary>
public sealed record RefreshOutcome(RefreshResult Result, string? UserId, string? SessionId, string? RefreshToken)
{
    public static readonly RefreshOutcome Invalid = new(RefreshResult.Invalid, null, null, null);
    public static readonly RefreshOutcome Reused = new(RefreshResult.Reused, null, null, null);

    public static RefreshOutcome Rotated(string userId, string sessionId, string refreshToken) =>
        new(RefreshResult.Rotated, userId, sessionId, refreshToken);
}

public enum RefreshResult
{
    Rotated,
    Reused,
    Invalid,
}
