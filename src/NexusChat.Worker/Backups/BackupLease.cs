using StackExchange.Redis;

namespace NexusChat.Worker.Backups;

/// <summary>
/// Which worker takes a given backup when several run: a Redis lock per backup name (SET NX with an expiry, through
/// the client's LockTake), held while the backup is written. The lock, not the shared folder, decides, because two
/// workers need not share a host clock tick or a filesystem's view of a half-written folder; the expiry frees a backup
/// whose taker died, and the backup folder's existence (checked before taking the lock) keeps a done one from repeating.
/// </summary>
public sealed class BackupLease(IConnectionMultiplexer redis)
{
    private readonly string _token = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public Task<bool> TryTakeAsync(string backupName, TimeSpan holdFor) =>
        redis.GetDatabase().LockTakeAsync(Key(backupName), _token, holdFor);

    public Task ReleaseAsync(string backupName) => redis.GetDatabase().LockReleaseAsync(Key(backupName), _token);

    private static RedisKey Key(string backupName) => $"nexuschat:backup:lease:{backupName}";
}
