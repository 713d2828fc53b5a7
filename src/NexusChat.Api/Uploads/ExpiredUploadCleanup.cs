using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Api.Uploads;

/// <summary>
/// Deletes uploads nobody finished within their expiry: the staging file, the Redis record, and the bytes they held
/// against the owner's quota. Every replica sweeps; the upload's lock makes sure one of them deletes each upload, and
/// never one a chunk is being written to. It also deletes orphaned staging files: untouched for longer than the expiry
/// and with no upload in progress (a replica died inside <c>POST</c> between creating the file and the record, or the
/// record was lost with Redis's data).
/// </summary>
public sealed partial class ExpiredUploadCleanup(
    UploadStore uploads, StagingArea staging, IConnectionMultiplexer redis, IOptions<UploadOptions> options, TimeProvider time,
    ILogger<ExpiredUploadCleanup> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception e) when (e is RedisException or IOException or UnauthorizedAccessException)
            {
                // Redis or the disk may be back at the next tick; expired uploads wait for it.
                LogSweepFailed(logger, e);
            }
        }
    }

    /// <returns>How many uploads this sweep deleted.</returns>
    public async Task<int> SweepAsync()
    {
        var deleted = 0;
        var now = time.GetUtcNow();
        foreach (var id in await uploads.ExpiredAsync(now, Batch))
        {
            await using var writing = await UploadLock.TryAcquireAsync(redis, id, time);
            // Busy means a chunk is arriving, which renews the expiry; a record already gone was deleted elsewhere.
            if (writing is null || await uploads.FindAsync(id) is not { IsComplete: false } upload || upload.ExpiresAt > now)
            {
                continue;
            }

            if (await uploads.RemoveAsync(upload))
            {
                staging.Delete(id);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }

        return deleted + await SweepOrphansAsync(now);
    }

    private async Task<int> SweepOrphansAsync(DateTimeOffset now)
    {
        var deleted = 0;
        // Every chunk rewrites the file and renews the expiry, so a file this old belongs to no live upload; the record
        // is checked anyway, and one still there is the expiry sweep's to delete with its quota share.
        foreach (var id in staging.WrittenBefore(now - options.Value.Expiry).Take(Batch).ToList())
        {
            if (await uploads.FindAsync(id) is null or { IsComplete: true })
            {
                staging.Delete(id);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            LogOrphansDeleted(logger, deleted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired uploads")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} orphaned staging files")]
    private static partial void LogOrphansDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired uploads failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
