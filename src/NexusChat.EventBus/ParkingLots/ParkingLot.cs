using Microsoft.Extensions.Logging;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>
/// One subscriber's parked messages (attempts exhausted, unreadable, or no handler): counted and listed for operators,
/// replayed into the subscriber's queue once the cause is fixed, or discarded one by one.
/// </summary>
/// <remarks>
/// Reading a message means taking it off the queue, so every operation walks the lot once, oldest first, with
/// <c>basic.get</c> and decides for each message: keep it (a confirmed copy goes to the back of the lot, then the
/// original is acknowledged), replay it (a confirmed copy goes to the subscriber's queue) or discard it (acknowledged).
/// Walking the whole lot puts the kept messages back in their order. Peeking by returning messages unacknowledged
/// (<c>basic.nack</c> with requeue, or closing the channel) was rejected: quorum queues count every return as a
/// delivery on RabbitMQ 4.0 to 4.2, whose default delivery limit of 20 would silently drop a message that an operator
/// had merely looked at 20 times (the parking lot has no dead-letter exchange of its own). The management API is not
/// an option either: host mode runs the broker without plugins. A crash in the middle of a walk can leave a message
/// in the lot twice, never lose it; a replayed duplicate is absorbed by the subscriber's processed-event record.
/// </remarks>
public sealed partial class ParkingLot(IConnection connection, string subscriber, ILogger<ParkingLot> logger)
{
    /// <summary>How far a listing or a search by event id walks; a lot larger than this is replayed whole or purged with the broker's tools.</summary>
    public const int MaxWalked = 10_000;

    // One walk at a time per lot in this process: two would each see the other's kept copies as messages still to walk.
    private readonly SemaphoreSlim _walking = new(1, 1);

    public string Subscriber => subscriber;

    public string ParkingQueue { get; } = SubscriberTopology.ParkingQueueName(subscriber);

    public async Task<uint> CountAsync(CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return await ParkedCountAsync(channel, cancellationToken);
    }

    /// <summary>The oldest <paramref name="limit"/> parked events, left where they are.</summary>
    public async Task<IReadOnlyList<ParkedEvent>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var listed = new List<ParkedEvent>();
        await WalkAsync(MaxWalked, parked =>
        {
            if (listed.Count < limit)
            {
                listed.Add(parked);
            }

            return Disposition.Keep;
        }, cancellationToken);
        return listed;
    }

    /// <summary>Moves the messages parked now back to the subscriber's queue with a fresh attempt count; returns how many.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        // Bounded by the count taken first: a message that fails again during the replay is parked anew and waits
        // for the next replay instead of cycling.
        var walked = await WalkAsync(uint.MaxValue, _ => Disposition.Replay, cancellationToken);
        LogReplayed(walked.Replayed, ParkingQueue);
        return walked.Replayed;
    }

    /// <summary>Replays the parked copy of one event; false when none is parked here.</summary>
    public async Task<bool> ReplayAsync(string eventId, CancellationToken cancellationToken)
    {
        var walked = await WalkAsync(MaxWalked, FirstWith(eventId, Disposition.Replay), cancellationToken);
        LogReplayedOne(eventId, ParkingQueue, walked.Replayed);
        return walked.Replayed > 0;
    }

    /// <summary>Drops the parked copy of one event for good; false when none is parked here.</summary>
    public async Task<bool> DiscardAsync(string eventId, CancellationToken cancellationToken)
    {
        var walked = await WalkAsync(MaxWalked, FirstWith(eventId, Disposition.Discard), cancellationToken);
        LogDiscarded(eventId, ParkingQueue, walked.Discarded);
        return walked.Discarded > 0;
    }

    private static Func<ParkedEvent, Disposition> FirstWith(string eventId, Disposition disposition)
    {
        var found = false;
        return parked =>
        {
            if (found || !string.Equals(parked.EventId, eventId, StringComparison.OrdinalIgnoreCase))
            {
                return Disposition.Keep;
            }

            found = true;
            return disposition;
        };
    }

    private async Task<Walked> WalkAsync(uint maxWalked, Func<ParkedEvent, Disposition> decide, CancellationToken cancellationToken)
    {
        await _walking.WaitAsync(cancellationToken);
        try
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            var parked = Math.Min(await ParkedCountAsync(channel, cancellationToken), maxWalked);
            var walked = new Walked();
            for (var i = 0u; i < parked && await channel.BasicGetAsync(ParkingQueue, autoAck: false, cancellationToken) is { } message; i++)
            {
                var disposition = decide(ParkedEvent.From(message.BasicProperties));
                if (disposition != Disposition.Discard)
                {
                    var (queue, headers) = disposition == Disposition.Replay
                        ? (SubscriberTopology.QueueName(subscriber), MessageHeaders.ForReplay(message.BasicProperties.Headers))
                        : (ParkingQueue, Kept(message.BasicProperties.Headers));
                    // Confirmed (the channel tracks confirms) before the parked original is acknowledged.
                    await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties(message.BasicProperties) { Headers = headers },
                        message.Body, cancellationToken);
                }

                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                walked.Count(disposition);
            }

            return walked;
        }
        finally
        {
            _walking.Release();
        }
    }

    // The broker's reason is written down as ours before its history headers are dropped: a client cannot republish them.
    private static Dictionary<string, object?> Kept(IDictionary<string, object?>? headers)
    {
        var kept = MessageHeaders.WithRetryCount(headers, MessageHeaders.RetryCount(headers));
        kept[MessageHeaders.ParkedReason] = MessageHeaders.Truncate(ParkedEvent.ReasonOf(headers));
        return kept;
    }

    // A subscriber that handles nothing yet never declared its queues: nothing can be parked there.
    private async Task<uint> ParkedCountAsync(IChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.MessageCountAsync(ParkingQueue, cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }

    private const ushort NotFound = 404;

    private enum Disposition
    {
        Keep,
        Replay,
        Discard,
    }

    private sealed class Walked
    {
        public int Replayed { get; private set; }

        public int Discarded { get; private set; }

        public void Count(Disposition disposition)
        {
            Replayed += disposition == Disposition.Replay ? 1 : 0;
            Discarded += disposition == Disposition.Discard ? 1 : 0;
        }
    }

    [LoggerMessage(LogLevel.Information, "Replayed {Count} message(s) from {ParkingQueue}")]
    private partial void LogReplayed(int count, string parkingQueue);

    [LoggerMessage(LogLevel.Information, "Replay of {EventId} from {ParkingQueue}: {Count} replayed")]
    private partial void LogReplayedOne(string eventId, string parkingQueue, int count);

    [LoggerMessage(LogLevel.Warning, "Discard of {EventId} from {ParkingQueue}: {Count} discarded")]
    private partial void LogDiscarded(string eventId, string parkingQueue, int count);
}
