using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.EventBus.Publishing;
using StackExchange.Redis;

namespace NexusChat.EventBus.Outbox;

/// <summary>
/// Publishes pending outbox messages a batch at a time (batches in order, not the events within one). What the broker
/// confirmed is remembered and marked published later in one write (<see cref="UnmarkedConfirms"/>), never before the
/// confirm. While the broker or the store fails it waits longer and longer and tries again, so a message is never
/// dropped; one published but not yet marked when the relay dies is sent again, and consumers drop the duplicate by
/// event id. Several workers may run it side by side: only the holder of the store's relay lease publishes
/// (<see cref="RelayLeadership"/>), the others stand by to take over.
/// </summary>
internal sealed partial class OutboxRelay(
    IOutboxStore store,
    IEventPublisher publisher,
    IOptions<OutboxRelayOptions> options,
    IServiceProvider services,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Counts at most one pending wake-up: ten signals during one relay pass need one more pass, not ten.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly UnmarkedConfirms _unmarked = new(options.Value.MarkInterval, options.Value.MaxUnmarked);
    private readonly RelayLeadership _leadership = new(services.GetService<IOutboxRelayLease>(), options.Value, logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await ListenForWritesAsync(settings.WakeChannel);
        var backoff = settings.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await _leadership.HoldAsync(stoppingToken))
                {
                    // Standing by: what it confirmed while it held the lease is still worth marking. Write signals do
                    // not hurry it, so standbys ask for the lease once per interval however busy the outbox is.
                    await MarkIfDueAsync(stoppingToken);
                    await Task.Delay(settings.LeaseRenewInterval, stoppingToken);
                    continue;
                }

                var published = await RelayBatchAsync(settings.BatchSize, stoppingToken);
                backoff = settings.PollInterval;
                // A full batch means more may be waiting.
                if (published < settings.BatchSize)
                {
                    // Idle until a write signal, the next poll, or the remembered confirms falling due for their mark.
                    var wait = _unmarked.DueIn is { } due && due < settings.PollInterval ? due : settings.PollInterval;
                    await _wake.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRelayFailed(exception, backoff);
                // Backing off from a failure: a write signal must not hurry the next attempt.
                await Task.Delay(backoff, stoppingToken);
                backoff = backoff * 2 < settings.MaxBackoff ? backoff * 2 : settings.MaxBackoff;
            }
        }
    }

    /// <summary>
    /// Stops relaying, then marks what the broker confirmed, so the next relay does not publish it again, and gives
    /// the lease to a standby.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await MarkAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Not lost: the next relay publishes these again and consumers drop them by event id.
            LogMarkOnStopFailed(exception, _unmarked.Count);
        }

        try
        {
            await _leadership.ReleaseAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // The lease then expires by itself: a standby takes over a lease later.
            LogReleaseFailed(exception);
        }
    }

    private async Task ListenForWritesAsync(string? channel)
    {
        if (channel is null || services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return;
        }

        try
        {
            // The client subscribes again by itself after a reconnect.
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, _) => Wake());
        }
        catch (RedisException exception)
        {
            LogNoWakeups(exception);
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another signal got there first; one pending wake-up is enough.
        }
    }

    public override void Dispose()
    {
        // Cancels the loop first, so it does not wait on a disposed semaphore.
        base.Dispose();
        _wake.Dispose();
    }

    private async Task<int> RelayBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        // Marking before publishing more when due also bounds what is remembered while the store refuses the marks.
        await MarkIfDueAsync(cancellationToken);
        // The remembered confirms are still pending in the store: asking for that many more rows leaves a batch of others.
        var pending = (await store.GetPendingAsync(batchSize + _unmarked.Count, cancellationToken))
            .Where(message => !_unmarked.Contains(message.EventId))
            .Take(batchSize)
            .ToList();
        // The whole batch is in flight at once and the confirms are awaited together: awaiting each confirm before
        // the next publish capped the relay at one quorum-queue commit round trip per event (≈100 events/s here).
        // The price is order within a batch, which no subscriber relies on (clients order messages by seq; the other
        // handlers read current state or keep the maximum).
        var publishes = pending.Select(message => (message.EventId, Publish: publisher.PublishAsync(message.EventId, message.EventType,
            Encoding.UTF8.GetBytes(message.Payload), message.CreatedAt, message.TraceParent, cancellationToken))).ToList();
        try
        {
            await Task.WhenAll(publishes.Select(p => p.Publish));
        }
        finally
        {
            // What the broker confirmed is remembered even when another publish of the batch failed, so it is not sent again.
            var confirmed = publishes.Where(p => p.Publish.IsCompletedSuccessfully).Select(p => p.EventId).ToList();
            _unmarked.Add(confirmed);
            if (confirmed.Count > 0)
            {
                LogRelayed(confirmed.Count);
            }
        }

        await MarkIfDueAsync(cancellationToken);
        return pending.Count;
    }

    private Task MarkIfDueAsync(CancellationToken cancellationToken) =>
        _unmarked.IsDue ? MarkAsync(cancellationToken) : Task.CompletedTask;

    private async Task MarkAsync(CancellationToken cancellationToken)
    {
        var confirmed = _unmarked.Snapshot();
        if (confirmed.Count == 0)
        {
            return;
        }

        await store.MarkPublishedAsync(confirmed, cancellationToken);
        _unmarked.Forget(confirmed);
        LogMarked(confirmed.Count);
    }

    [LoggerMessage(LogLevel.Debug, "Relayed {Count} outbox message(s)")]
    private partial void LogRelayed(int count);

    [LoggerMessage(LogLevel.Debug, "Marked {Count} relayed outbox message(s) published")]
    private partial void LogMarked(int count);

    [LoggerMessage(LogLevel.Warning, "Outbox relay cannot listen for write signals; it relays on its poll interval only")]
    private partial void LogNoWakeups(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Outbox relay failed; trying again in {Backoff}")]
    private partial void LogRelayFailed(Exception exception, TimeSpan backoff);

    [LoggerMessage(LogLevel.Warning, "Outbox relay could not give its lease back on stop; a standby takes over when it expires")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Outbox relay could not mark {Count} confirmed message(s) on stop; the next relay publishes them again")]
    private partial void LogMarkOnStopFailed(Exception exception, int count);
}
