using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NexusChat.EventBus.Telemetry;
using RabbitMQ.Client;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>
/// Every subscriber's parking lot in one place (realtime's, the worker's, any other service's), for the operator
/// endpoints, the parked-events gauge and the health check. The last counts taken are kept for the gauge, whose
/// callback cannot wait on the broker.
/// </summary>
public sealed class DeadLetterOffice
{
    private readonly IConnection _connection;
    private readonly SubscriberRegistry _registry;
    private readonly ILogger<ParkingLot> _lotLogger;
    private readonly ConcurrentDictionary<string, ParkingLot> _lots = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ParkingLotCount> _lastCounts = [];

    internal DeadLetterOffice(IConnection connection, SubscriberRegistry registry, ILogger<ParkingLot> lotLogger, EventBusMetrics metrics)
    {
        _connection = connection;
        _registry = registry;
        _lotLogger = lotLogger;
        metrics.ObserveParked(() => _lastCounts);
    }

    /// <summary>How many events wait in each subscriber's parking lot now.</summary>
    public async Task<IReadOnlyList<ParkingLotCount>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new List<ParkingLotCount>();
        foreach (var subscriber in await _registry.SubscribersAsync(cancellationToken))
        {
            var lot = Lot(subscriber);
            counts.Add(new ParkingLotCount(subscriber, lot.ParkingQueue, await lot.CountAsync(cancellationToken)));
        }

        _lastCounts = counts;
        return counts;
    }

    /// <summary>The parking lot of a subscriber that declared its queues; null for any other name, so no caller can name an arbitrary queue.</summary>
    public async Task<ParkingLot?> FindAsync(string subscriber, CancellationToken cancellationToken) =>
        (await _registry.SubscribersAsync(cancellationToken)).Contains(subscriber, StringComparer.Ordinal) ? Lot(subscriber) : null;

    /// <summary>Replays every lot; returns how many events went back to each subscriber.</summary>
    public async Task<IReadOnlyList<ParkingLotCount>> ReplayAllAsync(CancellationToken cancellationToken)
    {
        var replayed = new List<ParkingLotCount>();
        foreach (var subscriber in await _registry.SubscribersAsync(cancellationToken))
        {
            var lot = Lot(subscriber);
            replayed.Add(new ParkingLotCount(subscriber, lot.ParkingQueue, (uint)await lot.ReplayAsync(cancellationToken)));
        }

        return replayed;
    }

    private ParkingLot Lot(string subscriber) => _lots.GetOrAdd(subscriber, name => new ParkingLot(_connection, name, _lotLogger));
}

/// <summary>A number of events (parked, or replayed) for one subscriber's parking lot.</summary>
public sealed record ParkingLotCount(string Subscriber, string ParkingQueue, uint Events);
