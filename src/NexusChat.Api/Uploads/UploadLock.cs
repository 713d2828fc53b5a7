using StackExchange.Redis;

namespace NexusChat.Api.Uploads;

/// <summary>
/// The right to write one upload, held by one request on one replica (Redis <c>SET NX PX</c>). The lease is short
/// and renewed while the request runs, so a replica killed mid-chunk blocks the upload for seconds, not for the
/// length of a chunk; <see cref="Lost"/> fires if a renewal finds the lock gone, and the writer stops at once.
/// </summary>
public sealed class UploadLock : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(3);

    // Renews or releases only while the lock is still ours, never one another writer took after our lease ran out.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly IDatabase _db;
    private readonly RedisKey _key;
    private readonly string _token;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private UploadLock(IDatabase db, RedisKey key, string token, TimeProvider time)
    {
        _db = db;
        _key = key;
        _token = token;
        _renewal = RenewAsync(time);
    }

    /// <summary>Cancelled when the lock was lost; every write under the lock uses it.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>The lock, or null when another request holds it.</summary>
    public static async Task<UploadLock?> TryAcquireAsync(IConnectionMultiplexer redis, string uploadId, TimeProvider time)
    {
        var db = redis.GetDatabase();
        RedisKey key = $"nexuschat:uploads:lock:{uploadId}";
        var token = Guid.NewGuid().ToString("N");
        return await db.StringSetAsync(key, token, Lease, When.NotExists) ? new UploadLock(db, key, token, time) : null;
    }

    private async Task RenewAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if ((int)await _db.ScriptEvaluateAsync(RenewScript, [_key], [_token, (long)Lease.TotalMilliseconds]) == 0)
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the request is done with the lock.
        }
        catch (RedisException)
        {
            // Without Redis nobody can prove we still hold it: stop writing rather than risk two writers.
            await _lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        await _db.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]);
        _stop.Dispose();
        _lost.Dispose();
    }
}
