using System.Diagnostics;

namespace NexusChat.EventBus.Outbox;

/// <summary>
/// Outbox messages the broker confirmed that the store still lists as pending. Marking is a write transaction, which on
/// the embedded SQLite store waits for the one write lock with every send of every replica, so the relay remembers
/// confirms here, leaves them out of what it publishes next, and marks them together once <see cref="IsDue"/>.
/// Only memory holds them: if the process dies first, the next relay publishes them again with the same event ids and
/// every consumer drops the copies (its processed-event record, <see cref="Idempotency.IProcessedEventStore"/>).
/// </summary>
internal sealed class UnmarkedConfirms(TimeSpan markInterval, int maxUnmarked)
{
    // The relay's loop adds and marks; a stop that outlasts the loop marks from another thread.
    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _ids = [];
    private long _oldestAddedAt;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>How long until the remembered confirms must be marked; null while there are none.</summary>
    public TimeSpan? DueIn
    {
        get
        {
            lock (_gate)
            {
                if (_ids.Count == 0)
                {
                    return null;
                }

                var left = markInterval - Stopwatch.GetElapsedTime(_oldestAddedAt);
                return _ids.Count >= maxUnmarked || left <= TimeSpan.Zero ? TimeSpan.Zero : left;
            }
        }
    }

    public bool IsDue => DueIn == TimeSpan.Zero;

    public bool Contains(Guid eventId)
    {
        lock (_gate)
        {
            return _ids.Contains(eventId);
        }
    }

    public void Add(IEnumerable<Guid> eventIds)
    {
        lock (_gate)
        {
            if (_ids.Count == 0)
            {
                _oldestAddedAt = Stopwatch.GetTimestamp();
            }

            _ids.UnionWith(eventIds);
        }
    }

    public IReadOnlyCollection<Guid> Snapshot()
    {
        lock (_gate)
        {
            return [.. _ids];
        }
    }

    /// <summary>Drops what the store now knows as published; anything added meanwhile waits a full interval from now.</summary>
    public void Forget(IReadOnlyCollection<Guid> marked)
    {
        lock (_gate)
        {
            _ids.ExceptWith(marked);
            _oldestAddedAt = Stopwatch.GetTimestamp();
        }
    }
}
