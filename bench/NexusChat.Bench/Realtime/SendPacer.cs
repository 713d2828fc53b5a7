using System.Collections.Concurrent;
using System.Diagnostics;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Sends at a fixed total rate, round-robin over the sender connections, without waiting for replies (an open
/// loop, so a slow server shows as latency and a growing backlog, not as a quietly lower rate). When more than a
/// second's worth of sends is outstanding it skips sends and counts them, rather than piling up without bound.
/// </summary>
public sealed class SendPacer(IReadOnlyList<ILoadConnection> connections, IReadOnlyList<int> senders, double rate, int payloadSize, Func<int, int> recipientsOf)
{
    private readonly int _maxInFlight = Math.Max(64, (int)rate);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly List<double> _replyTimes = [];
    private long _cursor;
    private int _inFlight;
    private long _succeeded;
    private long _failed;
    private long _skipped;
    private long _expected;

    public long Succeeded => Interlocked.Read(ref _succeeded);
    public long Failed => Interlocked.Read(ref _failed);
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Deliveries the successful sends owe (each conversation's other connections).</summary>
    public long Expected => Interlocked.Read(ref _expected);

    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Send → reply (the server stored the message) of each successful send, ascending.</summary>
    public List<double> SortedReplyTimes()
    {
        lock (_replyTimes)
        {
            return _replyTimes.Order().ToList();
        }
    }

    /// <summary>Sends for <paramref name="duration"/>; replies may still be outstanding when it returns.</summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long issued = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (Stopwatch.GetElapsedTime(started) < duration && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; issued < due; issued++)
            {
                var sender = senders[(int)(_cursor++ % senders.Count)];
                if (Volatile.Read(ref _inFlight) >= _maxInFlight || !connections[sender].IsConnected)
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                Interlocked.Increment(ref _inFlight);
                _ = SendOneAsync(sender, cancellationToken);
            }
        }
    }

    /// <summary>Waits (at most 30 s) for the replies to the sends still outstanding.</summary>
    public async Task WaitForRepliesAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _inFlight) > 0 && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task SendOneAsync(int sender, CancellationToken cancellationToken)
    {
        try
        {
            var sent = Stopwatch.GetTimestamp();
            await connections[sender].SendAsync(Payload.Create(sender, sent, payloadSize), cancellationToken);
            lock (_replyTimes)
            {
                _replyTimes.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            Interlocked.Increment(ref _succeeded);
            Interlocked.Add(ref _expected, recipientsOf(sender));
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _failed);
            var reason = exception.Message.Length > 160 ? exception.Message[^160..] : exception.Message;
            _errors.AddOrUpdate(reason, 1, (_, count) => count + 1);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
