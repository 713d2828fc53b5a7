using System.Diagnostics.Metrics;

namespace NexusChat.Worker.Previews;

/// <summary>The worker's numbers for previews: files processed by outcome and how long each took.</summary>
public sealed class PreviewMetrics
{
    public const string MeterName = "NexusChat.Worker";

    /// <summary>The outcome tag besides the preview states ready and none: processing threw and the bus retries it.</summary>
    public const string Failed = "failed";

    private readonly Counter<long> _processed;
    private readonly Histogram<double> _duration;

    public PreviewMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _processed = meter.CreateCounter<long>(
            "nexuschat.previews.processed", description: "Attached files processed for a preview, by outcome (ready, none, failed).");
        _duration = meter.CreateHistogram(
            "nexuschat.previews.duration", "ms", "Time to read, verify, sniff and thumbnail one file.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });
    }

    public void Processed(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _processed.Add(1, tag);
        _duration.Record(elapsed.TotalMilliseconds, tag);
    }
}
