using System.Diagnostics.Metrics;

namespace NexusChat.Realtime.Telemetry;

/// <summary>
/// What operators watch on a realtime replica besides SignalR's own metrics: the connections it holds (the gateway
/// should keep them level across replicas; a drop on one is a crash or a drain) and presence transitions it announced.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "NexusChat.Realtime";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _presenceChanges;

    public RealtimeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _connections = meter.CreateUpDownCounter<long>("nexuschat.realtime.connections",
            description: "Hub connections this replica holds.");
        _presenceChanges = meter.CreateCounter<long>("nexuschat.realtime.presence_changes",
            description: "Presence transitions this replica announced, by new status.");
    }

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void PresenceChanged(string status) =>
        _presenceChanges.Add(1, new KeyValuePair<string, object?>("status", status));
}
