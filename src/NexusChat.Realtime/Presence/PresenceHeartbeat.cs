using Microsoft.Extensions.Options;
using NexusChat.Realtime.Background;

namespace NexusChat.Realtime.Presence;

/// <summary>Renews this replica's connections and sweeps everyone's expired ones, on their own clocks.</summary>
public sealed partial class PresenceHeartbeat(
    PresenceTracker tracker, IOptions<PresenceOptions> options, TimeProvider time, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RepeatAsync(options.Value.HeartbeatInterval, tracker.RenewAllAsync, "renew", stoppingToken),
        RepeatAsync(options.Value.SweepInterval, tracker.SweepAsync, "sweep", stoppingToken));

    // Redis down: presence stands still until it is back; the next tick tries again.
    private Task RepeatAsync(TimeSpan interval, Func<CancellationToken, Task> work, string name, CancellationToken stoppingToken) =>
        Repeating.RunAsync(interval, time, work, exception => LogFailed(exception, name), stoppingToken);

    [LoggerMessage(LogLevel.Warning, "Presence {Work} failed")]
    private partial void LogFailed(Exception exception, string work);
}
