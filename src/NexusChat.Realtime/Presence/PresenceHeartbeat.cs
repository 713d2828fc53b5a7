using Microsoft.Extensions.Options;

namespace NexusChat.Realtime.Presence;

/// <summary>Renews this replica's connections and sweeps everyone's expired ones, on their own clocks.</summary>
public sealed partial class PresenceHeartbeat(
    PresenceTracker tracker, IOptions<PresenceOptions> options, TimeProvider time, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RepeatAsync(options.Value.HeartbeatInterval, tracker.RenewAllAsync, "renew", stoppingToken),
        RepeatAsync(options.Value.SweepInterval, tracker.SweepAsync, "sweep", stoppingToken));

    private async Task RepeatAsync(TimeSpan interval, Func<CancellationToken, Task> work, string name, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true)
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Redis down: presence stands still until it is back; the next tick tries again.
                LogFailed(exception, name);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Presence {Work} failed")]
    private partial void LogFailed(Exception exception, string work);
}
