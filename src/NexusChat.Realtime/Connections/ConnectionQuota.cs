using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Realtime.Connections;

/// <summary>
/// Counts hub connections per user and per client address across every replica, in Redis: one sorted set of
/// connection ids per user and per address, scored by lease expiry. Admission checks both and adds to both in one
/// script, so concurrent connects on different replicas cannot both take the last slot. This replica renews the
/// leases of the connections it holds; a crashed replica's leases run out.
/// </summary>
public sealed partial class ConnectionQuota(
    IConnectionMultiplexer redis, IOptions<ConnectionLimitOptions> options, TimeProvider time, ILogger<ConnectionQuota> logger)
    : BackgroundService
{
    /// <summary>Why a connection was refused.</summary>
    public enum Refusal { None, User, Address }

    // Both sets lose their expired leases first, so a dead replica's connections never hold a slot past their lease.
    private static readonly LuaScript Admit = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @userKey, '-inf', @now)
        redis.call('ZREMRANGEBYSCORE', @addressKey, '-inf', @now)
        if redis.call('ZCARD', @userKey) >= tonumber(@userCap) then return 1 end
        if redis.call('ZCARD', @addressKey) >= tonumber(@addressCap) then return 2 end
        redis.call('ZADD', @userKey, @expiry, @connection)
        redis.call('ZADD', @addressKey, @expiry, @connection)
        redis.call('PEXPIRE', @userKey, @keyTtl)
        redis.call('PEXPIRE', @addressKey, @keyTtl)
        return 0
        """);

    private readonly ConcurrentDictionary<string, (RedisKey User, RedisKey Address)> _held = new(StringComparer.Ordinal);

    private IDatabase Db => redis.GetDatabase();

    private ConnectionLimitOptions Limits => options.Value;

    /// <summary>Takes a slot for the connection, or says which limit refused it. Admits when Redis cannot be asked.</summary>
    public async Task<Refusal> TryAdmitAsync(string userId, string address, string connectionId)
    {
        var keys = (User: (RedisKey)$"nexuschat:conns:user:{userId}", Address: (RedisKey)$"nexuschat:conns:addr:{address}");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            var result = (int)await Db.ScriptEvaluateAsync(Admit, new
            {
                userKey = keys.User, addressKey = keys.Address, connection = connectionId, now,
                expiry = now + (long)Limits.Lease.TotalMilliseconds, userCap = Limits.PerUser, addressCap = Limits.PerAddress,
                keyTtl = (long)(Limits.Lease * 2).TotalMilliseconds,
            });
            if (result != 0)
            {
                return result == 1 ? Refusal.User : Refusal.Address;
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Chat keeps working through a Redis outage; the limit is back with Redis.
            LogUnavailable(exception);
        }

        _held[connectionId] = keys;
        return Refusal.None;
    }

    public async Task ReleaseAsync(string connectionId)
    {
        if (!_held.TryRemove(connectionId, out var keys))
        {
            return;
        }

        try
        {
            await Task.WhenAll(Db.SortedSetRemoveAsync(keys.User, connectionId), Db.SortedSetRemoveAsync(keys.Address, connectionId));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(exception); // the lease runs out instead
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Limits.Lease / 3, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogUnavailable(exception);
            }
        }
    }

    // One pipelined batch: ZADD XX only renews a lease that still exists, it never re-adds a released connection.
    private async Task RenewAsync()
    {
        var expiry = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)Limits.Lease.TotalMilliseconds;
        var batch = Db.CreateBatch();
        var renewals = new List<Task>();
        var keys = new HashSet<RedisKey>();
        foreach (var (connectionId, (user, address)) in _held)
        {
            renewals.Add(batch.SortedSetAddAsync(user, connectionId, expiry, SortedSetWhen.Exists));
            renewals.Add(batch.SortedSetAddAsync(address, connectionId, expiry, SortedSetWhen.Exists));
            keys.Add(user);
            keys.Add(address);
        }

        // A user's or an address's connections share one key: its TTL is renewed once a round.
        renewals.AddRange(keys.Select(key => batch.KeyExpireAsync(key, Limits.Lease * 2)));

        batch.Execute();
        await Task.WhenAll(renewals);
    }

    [LoggerMessage(LogLevel.Warning, "Connection limits could not be checked in Redis")]
    private partial void LogUnavailable(Exception exception);
}
