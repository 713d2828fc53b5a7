using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Publishing;

namespace NexusChat.EventBus.Outbox;

/// <summary>
/// Publishes pending outbox messages in order and marks each published only after the broker confirmed it. While
/// the broker or the store fails it waits longer and longer and tries again, so a message is never dropped; one
/// published but not yet marked is sent again, and consumers drop the duplicate by event id.
/// </summary>
internal sealed partial class OutboxRelay(
    IOutboxStore store,
    EventPublisher publisher,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
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

            await Task.Delay(wait, stoppingToken);
        }
    }

    private async Task<int> RelayBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var pending = await store.GetPendingAsync(batchSize, cancellationToken);
        var confirmed = new List<Guid>(pending.Count);
        try
        {
            foreach (var message in pending)
            {
                await publisher.PublishAsync(message.EventId, message.EventType, Encoding.UTF8.GetBytes(message.Payload),
                    message.CreatedAt, message.TraceParent, cancellationToken);
                confirmed.Add(message.EventId);
            }
        }
        finally
        {
            // What the broker confirmed before a later publish failed is marked too, so it is not sent again.
            if (confirmed.Count > 0)
            {
                await store.MarkPublishedAsync(confirmed, cancellationToken);
            }
        }

        if (confirmed.Count > 0)
        {
            LogRelayed(confirmed.Count);
        }

        return pending.Count;
    }

    [LoggerMessage(LogLevel.Debug, "Relayed {Count} outbox message(s)")]
    private partial void LogRelayed(int count);

    [LoggerMessage(LogLevel.Warning, "Outbox relay failed; trying again in {Backoff}")]
    private partial void LogRelayFailed(Exception exception, TimeSpan backoff);
}
