using System.Diagnostics;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Latencies of deliveries whose send time falls in the measured window. Each connection records into its own list
/// (its handler is never called concurrently), so the hot path takes no lock.
/// </summary>
public sealed class DeliveryRecorder(int connections)
{
    private readonly List<double>[] _latencies = Enumerable.Range(0, connections).Select(_ => new List<double>()).ToArray();
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _measured;
    private long _unreadable;
    private long _lastArrival;

    public long Measured => Interlocked.Read(ref _measured);

    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>When the last measured delivery arrived (<see cref="Stopwatch"/> ticks).</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public void OpenWindow(long timestamp) => Volatile.Write(ref _windowStart, timestamp);

    public void CloseWindow(long timestamp) => Volatile.Write(ref _windowEnd, timestamp);

    public Action<string?> For(int connection) => text =>
    {
        var now = Stopwatch.GetTimestamp();
        if (!Payload.TryRead(text, out var sender, out var sent))
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        // The sender's own echo is not a delivery (NexusChat raises it from the send's reply).
        if (sender == connection || sent < Volatile.Read(ref _windowStart) || sent >= Volatile.Read(ref _windowEnd))
        {
            return;
        }

        var list = _latencies[connection];
        lock (list)
        {
            list.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }

        Interlocked.Increment(ref _measured);
        if (now > Interlocked.Read(ref _lastArrival))
        {
            // A lost race only makes this a little early; it bounds the delivery rate, it is not a latency.
            Interlocked.Exchange(ref _lastArrival, now);
        }
    };

    public List<double> SortedLatencies()
    {
        var all = new List<double>();
        foreach (var list in _latencies)
        {
            lock (list)
            {
                all.AddRange(list);
            }
        }

        all.Sort();
        return all;
    }
}
