using Microsoft.Extensions.Options;
using NexusChat.Realtime.Background;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Renews this replica's call participants and, on every replica, ends calls nobody answered and drops participants
/// nobody renews (their replica died). Compare-and-set makes concurrent sweeps harmless: one of them ends a call, the
/// others find it gone or changed.
/// </summary>
public sealed partial class CallLiveness(
    CallStore store, CallService calls, LocalCallSeats local, CallMetrics metrics, IOptions<CallOptions> options, TimeProvider time,
    ILogger<CallLiveness> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RepeatAsync(options.Value.RenewInterval, _ => store.RenewAsync(local.All(), Now()), "renew", stoppingToken),
        RepeatAsync(options.Value.SweepInterval, SweepAsync, "sweep", stoppingToken));

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        metrics.Active(await store.CountAsync());
        foreach (var id in await store.ListAsync(settings.SweepBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var renewedAt = await store.RenewedAtAsync(id);
            var now = Now();
            var change = await store.ChangeAsync(id, call => CallRules.Sweep(call, renewedAt, now,
                (long)settings.RingTimeout.TotalMilliseconds, now - (long)settings.ParticipantTimeout.TotalMilliseconds));
            if (change is CallChange.Ended or CallChange.Updated)
            {
                await calls.PublishAsync(change, id);
            }
        }
    }

    // Redis down: calls stand still (media flows peer to peer meanwhile); the next tick tries again.
    private Task RepeatAsync(TimeSpan interval, Func<CancellationToken, Task> work, string name, CancellationToken stoppingToken) =>
        Repeating.RunAsync(interval, time, work, exception => LogFailed(exception, name), stoppingToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    [LoggerMessage(LogLevel.Warning, "Call {Work} failed")]
    private partial void LogFailed(Exception exception, string work);
}
