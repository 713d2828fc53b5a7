using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// Copies the write-ahead log into the database in the background. SQLite otherwise checkpoints inside the commit
/// that crosses 1,000 WAL pages, with an fsync, while that writer holds the write lock: every few hundred sends one
/// of them (and every send queued behind it) waited tens of milliseconds. A passive checkpoint runs beside readers and
/// writers; several processes running it is harmless (one at a time does the work).
/// </summary>
internal sealed partial class SqliteCheckpoints(SqliteConnectionFactory connections, ILogger<SqliteCheckpoints> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await connections.OpenAsync(stoppingToken);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; meanwhile the log only grows.
                LogCheckpointFailed(exception);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Background WAL checkpoint failed")]
    private partial void LogCheckpointFailed(Exception exception);
}
