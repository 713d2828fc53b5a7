namespace NexusChat.Bench.Realtime;

/// <summary>What one target (NexusChat or the reference hub) did under the load; latencies in ms.</summary>
public sealed record LoadResult(
    string Target,
    int Connections,
    int Opened,
    int Held,
    double ConnectSeconds,
    double WindowSeconds,
    long Sends,
    long SendFailures,
    long SendsSkipped,
    double SendsPerSecond,
    long ExpectedDeliveries,
    long Deliveries,
    double DeliveriesPerSecond,
    long Drops,
    double P50,
    double P95,
    double P99,
    double Max,
    double ReplyP50,
    double ReplyP99,
    IReadOnlyList<ProcessUsage> Processes,
    IReadOnlyDictionary<string, int> Errors)
{
    public long Lost => ExpectedDeliveries - Deliveries;
}
