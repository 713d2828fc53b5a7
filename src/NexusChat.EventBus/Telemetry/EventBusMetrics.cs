using System.Diagnostics;
using System.Diagnostics.Metrics;
using NexusChat.EventBus.ParkingLots;

namespace NexusChat.EventBus.Telemetry;

/// <summary>Counters a dashboard alerts on: a growing dead-lettered count means events wait in a parking lot.</summary>
internal sealed class EventBusMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Meter _meter;

    public EventBusMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(EventBusTelemetry.MeterName);
        _published = meter.CreateCounter<long>("nexuschat.eventbus.published", "{event}", "Events confirmed by the broker.");
        _consumed = meter.CreateCounter<long>("nexuschat.eventbus.consumed", "{event}", "Events handled successfully.");
        _failed = meter.CreateCounter<long>("nexuschat.eventbus.failed", "{event}", "Handler attempts that failed.");
        _deadLettered = meter.CreateCounter<long>("nexuschat.eventbus.dead_lettered", "{event}", "Events moved to a parking lot.");
    }

    public void Published(string eventType) => _published.Add(1, new KeyValuePair<string, object?>("event.type", eventType));

    public void Consumed(string eventType, string subscriber) => _consumed.Add(1, Tags(eventType, subscriber));

    public void Failed(string eventType, string subscriber) => _failed.Add(1, Tags(eventType, subscriber));

    public void DeadLettered(string eventType, string subscriber) => _deadLettered.Add(1, Tags(eventType, subscriber));

    /// <summary>A gauge of the events waiting in each parking lot, read from the counts the dead-letter office last took.</summary>
    public void ObserveParked(Func<IReadOnlyList<ParkingLotCount>> lastCounts) =>
        _meter.CreateObservableGauge("nexuschat.eventbus.parked", () => lastCounts().Select(count => new Measurement<long>(count.Events,
            new KeyValuePair<string, object?>("subscriber", count.Subscriber),
            new KeyValuePair<string, object?>("messaging.destination.name", count.ParkingQueue))),
            "{event}", "Events waiting in a parking lot for an operator.");

    private static TagList Tags(string eventType, string subscriber) => new()
    {
        { "event.type", eventType },
        { "subscriber", subscriber },
    };
}
