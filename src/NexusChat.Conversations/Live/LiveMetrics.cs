using System.Diagnostics.Metrics;

namespace NexusChat.Conversations.Live;

/// <summary>The live path's own numbers: how long a push after a commit takes (the backplane hop) and how often it fails.</summary>
public sealed class LiveMetrics
{
    public const string MeterName = "NexusChat.Live";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failed;

    public LiveMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram(
            "nexuschat.live.push.duration", "ms", "Time from a commit's push call until the backplane accepted it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 25, 50, 100, 250, 500, 1000] });
        _failed = meter.CreateCounter<long>(
            "nexuschat.live.push.failed", description: "Pushes after a commit that failed; the event bus backstop delivers those.");
    }

    // The kind is one of a few literal strings and the tag a struct: recording allocates nothing per message.
    public void Pushed(string kind, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));

    public void Failed(string kind) => _failed.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
