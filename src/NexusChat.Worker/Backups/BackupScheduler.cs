using Microsoft.Extensions.Options;

namespace NexusChat.Worker.Backups;

/// <summary>
/// Runs <see cref="BackupRunner"/> once per period (<see cref="BackupOptions.Interval"/>, aligned to the Unix epoch so
/// every worker names the same period alike), at start for the current period and then at each period's start; after
/// a failure it tries again a minute later within the same period.
/// </summary>
public sealed class BackupScheduler(BackupRunner runner, IOptions<BackupOptions> options, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var periodStart = PeriodStart(time.GetUtcNow(), interval);
            var outcome = await runner.RunAsync(periodStart, stoppingToken);
            var nextPeriod = periodStart + interval;
            var wakeAt = outcome == BackupRunner.Outcome.Failed ? Min(time.GetUtcNow() + RetryAfterFailure, nextPeriod) : nextPeriod;
            var wait = wakeAt - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public static DateTimeOffset PeriodStart(DateTimeOffset now, TimeSpan interval) =>
        DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / (long)interval.TotalMilliseconds * (long)interval.TotalMilliseconds);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
