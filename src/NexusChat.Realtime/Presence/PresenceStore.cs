using System.Globalization;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using StackExchange.Redis;

namespace NexusChat.Realtime.Presence;

/// <summary>
/// Presence state shared by all replicas in Redis. Per user: a sorted set of live connections scored by their
/// expiry (replica-qualified ids, so replicas never clash), a hash of each connection's chosen status, and the last
/// published state. One Lua script changes a connection and recomputes the user's state atomically, and returns
/// the new state only to the caller that changed it — so exactly one replica announces each transition even
/// when several sweep the same expired user at once.
/// </summary>
public sealed class PresenceStore(IConnectionMultiplexer redis, IOptions<PresenceOptions> options, TimeProvider time)
{
    private const string DeadlinesKey = "presence:deadlines";

    // ARGV: user, now (ms), op (set|remove|recompute), connection, status, expiry (ms), ttl (ms).
    // The state string is "status|sinceOrLastSeenMs".
    private static readonly LuaScript Update = LuaScript.Prepare("""
        local conns, statuses, state, deadlines = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
        local user, now, op = ARGV[1], tonumber(ARGV[2]), ARGV[3]
        if op == 'set' then
          redis.call('ZADD', conns, tonumber(ARGV[6]), ARGV[4])
          redis.call('HSET', statuses, ARGV[4], ARGV[5])
        elseif op == 'remove' then
          redis.call('ZREM', conns, ARGV[4])
          redis.call('HDEL', statuses, ARGV[4])
        end
        local lastSeen = now
        local expired = redis.call('ZRANGEBYSCORE', conns, '-inf', now, 'WITHSCORES')
        if #expired > 0 then
          for i = 1, #expired, 2 do redis.call('HDEL', statuses, expired[i]) end
          redis.call('ZREMRANGEBYSCORE', conns, '-inf', now)
          -- a connection that expired was last renewed one TTL before its expiry
          lastSeen = tonumber(expired[#expired]) - tonumber(ARGV[7])
        end
        local status = 'offline'
        for _, s in ipairs(redis.call('HVALS', statuses)) do
          if s == 'online' then status = 'online' break end
          status = 'away'
        end
        local latest = redis.call('ZRANGE', conns, -1, -1, 'WITHSCORES')
        if #latest > 0 then redis.call('ZADD', deadlines, latest[2], user) else redis.call('ZREM', deadlines, user) end
        local previous = redis.call('GET', state)
        if previous and string.match(previous, '^[^|]+') == status then return false end
        if not previous and status == 'offline' then return false end
        local value = status .. '|' .. (status == 'offline' and lastSeen or now)
        redis.call('SET', state, value)
        return value
        """);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Records (or renews) one connection's status; returns the user's new presence when it changed.</summary>
    public Task<PresenceDto?> SetAsync(string userId, string connection, string status) =>
        RunAsync(userId, "set", connection, status);

    /// <summary>Drops one connection; returns the user's new presence when it changed (their last device left).</summary>
    public Task<PresenceDto?> RemoveAsync(string userId, string connection) => RunAsync(userId, "remove", connection, "");

    /// <summary>Drops the user's expired connections; returns the new presence when that changed it.</summary>
    public Task<PresenceDto?> RecomputeAsync(string userId) => RunAsync(userId, "recompute", "", "");

    /// <summary>Users with at least one connection whose renewal is overdue.</summary>
    public async Task<IReadOnlyList<string>> OverdueUsersAsync()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var users = await Db.SortedSetRangeByScoreAsync(DeadlinesKey, double.NegativeInfinity, now, take: options.Value.SweepBatch);
        return users.Select(u => u.ToString()).ToList();
    }

    public async Task<IReadOnlyList<PresenceDto>> GetAsync(IReadOnlyList<string> userIds)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var values = await Db.StringGetAsync(userIds.Select(id => (RedisKey)StateKey(id)).ToArray());
        return userIds.Select((id, i) => Parse(id, values[i]) ?? new PresenceDto(id, PresenceStatus.Offline, null)).ToList();
    }

    private async Task<PresenceDto?> RunAsync(string userId, string op, string connection, string status)
    {
        var now = time.GetUtcNow();
        var ttl = options.Value.Ttl;
        var result = await Db.ScriptEvaluateAsync(Update.ExecutableScript,
            [ConnectionsKey(userId), StatusesKey(userId), StateKey(userId), DeadlinesKey],
            [userId, now.ToUnixTimeMilliseconds(), op, connection, status, (now + ttl).ToUnixTimeMilliseconds(), (long)ttl.TotalMilliseconds]);
        return result.IsNull ? null : Parse(userId, (RedisValue)result);
    }

    private static PresenceDto? Parse(string userId, RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var parts = value.ToString().Split('|');
        var at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture));
        return new PresenceDto(userId, parts[0], parts[0] == PresenceStatus.Offline ? at : null);
    }

    private static string ConnectionsKey(string userId) => $"presence:{userId}:connections";

    private static string StatusesKey(string userId) => $"presence:{userId}:statuses";

    private static string StateKey(string userId) => $"presence:{userId}:state";
}
