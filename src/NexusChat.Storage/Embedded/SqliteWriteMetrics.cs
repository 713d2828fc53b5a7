using System.Diagnostics.Metrics;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// The embedded store's write path in numbers: how long a batch waited for SQLite's write lock (shared by every
/// process on the host), how many writes it carried, and how long it held the lock. These are the store's hops in
/// the latency budget (docs/latency-budget.md). Static: the connection factory is built before any service provider.
/// </summary>
internal static class SqliteWriteMetrics
{
    public const string MeterName = "NexusChat.Storage";

    private static readonly Meter Meter = new(MeterName);

    // Finer than the default buckets (0, 5, 10, 25 … ms): the budget of a hop is a few milliseconds.
    private static readonly InstrumentAdvice<double> Milliseconds = new()
    {
        HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 25, 50, 100, 250, 500, 1000],
    };

    private static readonly Histogram<double> LockWait = Meter.CreateHistogram(
        "nexuschat.store.write.lock_wait", "ms", "Time a write batch waited for the database's write lock.", advice: Milliseconds);

    private static readonly Histogram<double> Held = Meter.CreateHistogram(
        "nexuschat.store.write.held", "ms", "Time a write batch held the write lock: its writes and the commit.", advice: Milliseconds);

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "nexuschat.store.write.batch_size", "{write}", "Writes that shared one transaction (group commit).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    public static void Batch(int writes, TimeSpan lockWait, TimeSpan held)
    {
        LockWait.Record(lockWait.TotalMilliseconds);
        Held.Record(held.TotalMilliseconds);
        BatchSize.Record(writes);
    }
}
