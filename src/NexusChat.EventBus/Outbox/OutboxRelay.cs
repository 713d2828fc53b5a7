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
/// Publishes pending outbox messages a batch at a time (batches in order, not the events within one) and marks each
/// published only after the broker confirmed it. While
/// the broker or the store fails it waits longer and longer and tries again, so a message is never dropped; one
/// published but not yet marked is sent again, and consumers drop the duplicate by event id.
/// </summary>
internal sealed partial class OutboxRelay(
    IOutboxStore store,
    EventPublisher publisher,
    IOptions<OutboxRelayOptions> options,
    IServiceProvider services,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Counts at most one pending wake-up: ten signals during one relay pass need one more pass, not ten.
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await ListenForWritesAsync(settings.WakeChannel);
        var backoff = settings.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var pending = await RelayBatchAsync(settings.BatchSize, stoppingToken);
                // A full batch means more may be waiting.
                wait = pending == settings.BatchSize ? TimeSpan.Zero : settings.PollInterval;
                backoff = settings.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRelayFailed(exception, backoff);
                wait = backoff;
                backoff = backoff * 2 < settings.MaxBackoff ? backoff * 2 : settings.MaxBackoff;
            }

            if (wait == settings.PollInterval)
            {
                await _wake.WaitAsync(wait, stoppingToken);
            }
            else
            {
                // Backing off from a failure: a write signal must not hurry the next attempt.
                await Task.Delay(wait, stoppingToken);
            }
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
        _wake.Dispose();
        base.Dispose();
    }

    private async Task<int> RelayBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var pending = await store.GetPendingAsync(batchSize, cancellationToken);
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
            // What the broker confirmed is marked even when another publish of the batch failed, so it is not sent again.
            var confirmed = publishes.Where(p => p.Publish.IsCompletedSuccessfully).Select(p => p.EventId).ToList();
            if (confirmed.Count > 0)
            {
                await store.MarkPublishedAsync(confirmed, cancellationToken);
                LogRelayed(confirmed.Count);
            }
        }

        return pending.Count;
    }

    [LoggerMessage(LogLevel.Debug, "Relayed {Count} outbox message(s)")]
    private partial void LogRelayed(int count);

    [LoggerMessage(LogLevel.Warning, "Outbox relay cannot listen for write signals; it relays on its poll interval only")]
    private partial void LogNoWakeups(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Outbox relay failed; trying again in {Backoff}")]
    private partial void LogRelayFailed(Exception exception, TimeSpan backoff);
}
