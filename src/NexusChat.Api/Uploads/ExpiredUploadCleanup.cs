using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Api.Uploads;

/// <summary>
/// Deletes uploads nobody finished within their expiry: the staging file, the Redis record, and the bytes they held
/// against the owner's quota. Every replica sweeps; the upload's lock makes sure one of them deletes each upload, and
/// never one a chunk is being written to.
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

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired uploads")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired uploads failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
