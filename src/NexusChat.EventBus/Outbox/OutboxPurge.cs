using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.EventBus.Outbox;

/// <summary>
/// Deletes outbox messages published longer ago than <see cref="OutboxRelayOptions.Retention"/>, every
/// <see cref="OutboxRelayOptions.PurgeInterval"/>, a batch per write so that on the embedded store the sends queued
/// behind a purge wait for one short delete, not for all of them. Without it the outbox grew forever and kept the text
/// of every message ever sent, edited or deleted. Pending messages are left to the relay however old they are.
/// Every worker runs one, lease or not: two purges at once delete old published rows only, each batch what is still
/// there, so running side by side costs one more short write, never a pending message.
/// </summary>
internal sealed partial class OutboxPurge(
    IOutboxStore store,
    IOptions<OutboxRelayOptions> options,
    IServiceProvider services,
    ILogger<OutboxPurge> logger) : BackgroundService
{
    private readonly TimeProvider _time = services.GetService<TimeProvider>() ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
                await Task.Delay(options.Value.PurgeInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Nothing is lost by purging later: the next round deletes what this one left.
                LogPurgeFailed(exception, options.Value.PurgeInterval);
                await Task.Delay(options.Value.PurgeInterval, _time, stoppingToken);
            }
        }
    }

    /// <summary>One purge: batches until a batch comes back short. Returns how many messages it deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var publishedBefore = _time.GetUtcNow() - settings.Retention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.PurgePublishedAsync(publishedBefore, settings.PurgeBatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == settings.PurgeBatchSize);

        if (total > 0)
        {
            LogPurged(total, publishedBefore);
        }

        return total;
    }

    [LoggerMessage(LogLevel.Information, "Purged {Count} outbox message(s) published before {PublishedBefore:O}")]
    private partial void LogPurged(int count, DateTimeOffset publishedBefore);

    [LoggerMessage(LogLevel.Warning, "Outbox purge failed; trying again in {Interval}")]
    private partial void LogPurgeFailed(Exception exception, TimeSpan interval);
}
