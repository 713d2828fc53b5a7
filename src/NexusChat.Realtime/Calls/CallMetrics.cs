using System.Diagnostics.Metrics;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Calls for operators: how many run, how long a call takes to be answered, and why setups fail. Every replica reports
/// the same cluster-wide active count (read by its sweep), so take the max, not the sum, across replicas.
/// </summary>
public sealed class CallMetrics
{
    public const string MeterName = "NexusChat.Calls";

    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _failedSetups;
    private readonly Histogram<double> _setupTime;
    private readonly Counter<long> _mediaConnections;
    private readonly Histogram<double> _mediaSetupTime;
    private long _active;

    public CallMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("nexuschat.calls.started", description: "Calls started, by kind.");
        _ended = meter.CreateCounter<long>("nexuschat.calls.ended", description: "Calls ended, by reason.");
        _failedSetups = meter.CreateCounter<long>(
            "nexuschat.calls.failed_setups", description: "Calls that never connected two people, by reason (missed, declined, cancelled, lost, busy, full).");
        _setupTime = meter.CreateHistogram<double>(
            "nexuschat.calls.setup_time", "s", "From starting a call to the first answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 3, 5, 8, 13, 20, 30] });
        _mediaConnections = meter.CreateCounter<long>(
            "nexuschat.calls.media_connections", description: "Participants whose media connected, by path (relayed, direct), as their clients report.");
        _mediaSetupTime = meter.CreateHistogram<double>(
            "nexuschat.calls.media_setup_time", "s", "From the click (start or answer) to media flowing, as the client measured, by path.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120] });
        meter.CreateObservableGauge("nexuschat.calls.active", () => Interlocked.Read(ref _active), description: "Calls running in the cluster.");
    }

    public void Started(string kind) => _started.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Answered(TimeSpan afterStart) => _setupTime.Record(afterStart.TotalSeconds);

    public void Ended(string reason, bool answered)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (!answered)
        {
            FailedSetup(reason);
        }
    }

    public void FailedSetup(string reason) => _failedSetups.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void MediaConnected(string path, TimeSpan setupTime)
    {
        var tag = new KeyValuePair<string, object?>("path", path);
        _mediaConnections.Add(1, tag);
        _mediaSetupTime.Record(setupTime.TotalSeconds, tag);
    }

    public void Active(long count) => Interlocked.Exchange(ref _active, count);
}
