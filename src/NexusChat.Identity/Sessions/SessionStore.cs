using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Identity.Sessions;

/// <summary>
/// Sessions live in Redis so every replica sees the same ones and a revocation takes effect everywhere on the
/// next request. A session holds the hash of its one valid refresh token and of the one it replaced. Refreshing
/// swaps them atomically. Presenting the replaced one again means a spent token was replayed (stolen), so the
/// session dies, except once within <see cref="AuthOptions.RefreshRetryGrace"/> of the rotation, where it is a
/// client retrying a refresh whose response it never got. Any other secret is just wrong: it ends nothing, or
/// anyone holding an access token (which carries the session id) could sign its owner out. A user holds at most
/// <see cref="AuthOptions.MaxSessionsPerUser"/> sessions, so signing in in a loop cannot grow Redis without bound.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Realtime replicas listen here to close the hub connections of revoked sessions.</summary>
    public static readonly RedisChannel RevokedChannel = RedisChannel.Literal("nexuschat:sessions:revoked");

    // KEYS[1] session, KEYS[2] user's session index; ARGV: session id, user, refresh hash, now ms, ttl ms, cap,
    // session key prefix. The index scores each session by its last use, expires with the last used one, and is
    // cut to the cap by ending the least recently used sessions; returns their ids.
    private const string CreateScript = """
        redis.call('HSET', KEYS[1], 'user', ARGV[2], 'refresh', ARGV[3], 'created', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[5]))
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
        local evicted = {}
        if excess > 0 then
          local popped = redis.call('ZPOPMIN', KEYS[2], excess)
          for i = 1, #popped, 2 do
            redis.call('DEL', ARGV[7] .. popped[i])
            evicted[#evicted + 1] = popped[i]
          end
        end
        return evicted
        """;

    // KEYS[1] session, KEYS[2] user's session index prefix; ARGV: presented hash, next hash, ttl ms, session id,
    // now ms, grace ms. Returns {'rotated', user}, {'retried', user} (the grace retry: the current token is the one
    // the presented token rotates into), {'reused'} when the session was revoked for replay, nil otherwise.
    private const string RotateScript = """
        local fields = redis.call('HMGET', KEYS[1], 'user', 'refresh', 'previous', 'rotated', 'retried')
        local user, current, previous, rotated, retried = fields[1], fields[2], fields[3], fields[4], fields[5]
        if not current then return nil end
        if current == ARGV[1] then
          redis.call('HSET', KEYS[1], 'refresh', ARGV[2], 'previous', ARGV[1], 'rotated', ARGV[5], 'retried', '0')
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          redis.call('ZADD', KEYS[2] .. user, 'XX', ARGV[5], ARGV[4])
          redis.call('PEXPIRE', KEYS[2] .. user, ARGV[3])
          return { 'rotated', user }
        end
        if previous ~= ARGV[1] then return nil end
        if current == ARGV[2] and retried == '0' and tonumber(ARGV[5]) - tonumber(rotated) <= tonumber(ARGV[6]) then
          redis.call('HSET', KEYS[1], 'retried', '1')
          return { 'retried', user }
        end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2] .. user, ARGV[4])
        return { 'reused' }
        """;

    // The next secret is derived from the presented one with a server-only key, so a grace retry can hand out the
    // very token the lost response carried (only a hash of it is stored) and two racing refreshes agree on it.
    private readonly byte[] _rotationKey = SHA256.HashData(Encoding.UTF8.GetBytes($"nexuschat-refresh-rotation:{options.Value.SigningKey}"));

    private IDatabase Db => redis.GetDatabase();

    public async Task<(string SessionId, string RefreshToken)> CreateAsync(string userId)
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var secret = NewSecret();
        var auth = options.Value;
        var evicted = (RedisResult[])(await Db.ScriptEvaluateAsync(CreateScript,
            [SessionKey(sessionId), UserSessionsKey(userId)],
            [
                sessionId, userId, Hash(secret), time.GetUtcNow().ToUnixTimeMilliseconds(),
                (long)auth.RefreshTokenLifetime.TotalMilliseconds, auth.MaxSessionsPerUser, SessionKeyPrefix,
            ]))!;
        foreach (var session in evicted)
        {
            await redis.GetSubscriber().PublishAsync(RevokedChannel, (string)session!);
        }

        return (sessionId, $"{sessionId}.{secret}");
    }

    public async Task<RefreshOutcome> RefreshAsync(string refreshToken)
    {
        if (!TryParse(refreshToken, out var sessionId, out var secret))
        {
            return RefreshOutcome.Invalid;
        }

        var next = NextSecret(sessionId, secret);
        var result = await Db.ScriptEvaluateAsync(RotateScript,
            [SessionKey(sessionId), UserSessionsKeyPrefix],
            [
                Hash(secret), Hash(next), (long)options.Value.RefreshTokenLifetime.TotalMilliseconds, sessionId,
                time.GetUtcNow().ToUnixTimeMilliseconds(), (long)options.Value.RefreshRetryGrace.TotalMilliseconds,
            ]);
        if (result.IsNull)
        {
            return RefreshOutcome.Invalid;
        }

        var fields = (RedisResult[])result!;
        if ((string?)fields[0] == "reused")
        {
            await redis.GetSubscriber().PublishAsync(RevokedChannel, sessionId);
            return RefreshOutcome.Reused;
        }

        return RefreshOutcome.Rotated((string)fields[1]!, sessionId, $"{sessionId}.{next}");
    }

    public Task<bool> IsActiveAsync(string sessionId) => Db.KeyExistsAsync(SessionKey(sessionId));

    public async Task<string?> UserOfAsync(string sessionId) => await Db.HashGetAsync(SessionKey(sessionId), "user");

    public async Task RevokeAsync(string userId, string sessionId)
    {
        await Db.KeyDeleteAsync(SessionKey(sessionId));
        await Db.SortedSetRemoveAsync(UserSessionsKey(userId), sessionId);
        await redis.GetSubscriber().PublishAsync(RevokedChannel, sessionId);
    }

    public async Task RevokeAllAsync(string userId)
    {
        // Sessions created before the index became a sorted set are still listed in the old, unexpiring set.
        RedisValue[] sessions = [.. await Db.SortedSetRangeByRankAsync(UserSessionsKey(userId)), .. await Db.SetMembersAsync(LegacyUserSessionsKey(userId))];
        await Db.KeyDeleteAsync([.. sessions.Select(s => SessionKey(s!)), UserSessionsKey(userId), LegacyUserSessionsKey(userId)]);
        foreach (var session in sessions)
        {
            await redis.GetSubscriber().PublishAsync(RevokedChannel, (string)session!);
        }
    }

    private const string SessionKeyPrefix = "nexuschat:session:";
    private const string UserSessionsKeyPrefix = "nexuschat:user-session-index:";

    public static RedisKey SessionKey(string sessionId) => SessionKeyPrefix + sessionId;

    /// <summary>The user's sessions, scored by last use (a sorted set with a TTL).</summary>
    public static RedisKey UserSessionsKey(string userId) => UserSessionsKeyPrefix + userId;

    private static RedisKey LegacyUserSessionsKey(string userId) => $"nexuschat:user-sessions:{userId}";

    private static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private string NextSecret(string sessionId, string secret) =>
        Base64UrlEncode(HMACSHA256.HashData(_rotationKey, Encoding.UTF8.GetBytes($"{sessionId}.{secret}")));

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

/// <summary>What a refresh did: rotated the token (or repeated a rotation within the retry grace), revoked a replayed session, or found nothing to refresh.</summary>
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
