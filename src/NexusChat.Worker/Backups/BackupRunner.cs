using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Worker.Backups;

/// <summary>
/// Takes the backup of one period unless it exists or another worker holds it, then applies retention. What the
/// scheduler runs each period, and what tests call to take one now.
/// </summary>
public sealed partial class BackupRunner(
    BackupWriter writer, BackupLease lease, BackupMetrics metrics, IOptions<BackupOptions> options, BackupFolder folder,
    TimeProvider time, ILogger<BackupRunner> logger)
{
    public enum Outcome { Taken, AlreadyTaken, HeldElsewhere, Failed }

    public async Task<Outcome> RunAsync(DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        var name = BackupRetention.NameFor(periodStart);
        var target = Path.Combine(folder.Root, name);
        if (Directory.Exists(target))
        {
            return Outcome.AlreadyTaken;
        }

        // Held for up to one period: a backup that takes longer than its period has outgrown its schedule anyway.
        var interval = options.Value.Interval;
        try
        {
            if (!await lease.TryTakeAsync(name, interval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : interval))
            {
                return Outcome.HeldElsewhere;
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // No Redis, no way to agree on a taker: this period's backup waits for the next try rather than risk two.
            return Failed(exception, name);
        }

        try
        {
            // Checked again under the lease: the last holder may have completed it between our check and our take.
            if (Directory.Exists(target))
            {
                return Outcome.AlreadyTaken;
            }

            var manifest = await writer.TakeAsync(target, cancellationToken);
            metrics.Succeeded(manifest.CompletedAt);
            LogTaken(name, manifest.Messages, manifest.Files.Count, manifest.MissingFiles.Count, (manifest.CompletedAt - manifest.StartedAt).TotalMilliseconds);
            foreach (var pruned in BackupRetention.Prune(folder.Root, options.Value.Keep, 2 * interval, time.GetUtcNow()))
            {
                LogPruned(Path.GetFileName(pruned));
            }

            return Outcome.Taken;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(exception, name);
        }
        finally
        {
            await ReleaseAsync(name);
        }
    }

    private Outcome Failed(Exception exception, string name)
    {
        metrics.Failed();
        LogFailed(exception, name);
        return Outcome.Failed;
    }

    // A lease that cannot be released now expires by itself; the backup's outcome stands either way.
    private async Task ReleaseAsync(string name)
    {
        try
        {
            await lease.ReleaseAsync(name);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogLeaseKept(exception, name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Backup {Name} taken: {Messages} messages, {Files} files ({Missing} referenced files missing) in {Milliseconds:F0} ms")]
    private partial void LogTaken(string name, long messages, int files, int missing, double milliseconds);

    [LoggerMessage(LogLevel.Information, "Backup {Name} deleted by retention")]
    private partial void LogPruned(string name);

    [LoggerMessage(LogLevel.Warning, "Backup {Name}: its lease could not be released and expires by itself")]
    private partial void LogLeaseKept(Exception exception, string name);

    [LoggerMessage(LogLevel.Error, "Backup {Name} failed")]
    private partial void LogFailed(Exception exception, string name);
}

/// <summary>Where this worker's backups go (<see cref="BackupOptions.Directory"/>, else beside the store).</summary>
public sealed record BackupFolder(string Root);
