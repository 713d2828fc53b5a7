using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Tests.EventBus;

/// <summary>An outbox held in memory: the store is not under test here, the relay is.</summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly List<OutboxMessage> _pending = [];
    private readonly List<Guid> _marked = [];
    private int _markCalls;

    /// <summary>Runs before a batch is marked published, to observe what the broker holds at that moment.</summary>
    public Func<IReadOnlyCollection<Guid>, CancellationToken, Task> BeforeMarking { get; set; } = (_, _) => Task.CompletedTask;

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Every id marked published, once per time it was marked.</summary>
    public IReadOnlyList<Guid> Marked
    {
        get
        {
            lock (_gate)
            {
                return [.. _marked];
            }
        }
    }

    /// <summary>How many times the relay wrote marks (each write takes the store's write lock).</summary>
    public int MarkCalls
    {
        get
        {
            lock (_gate)
            {
                return _markCalls;
            }
        }
    }

    public void Add(OutboxMessage message)
    {
        lock (_gate)
        {
            _pending.Add(message);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(_pending.Take(limit).ToList());
        }
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        await BeforeMarking(eventIds, cancellationToken);
        lock (_gate)
        {
            _markCalls++;
            _pending.RemoveAll(m => eventIds.Contains(m.EventId));
            _marked.AddRange(eventIds);
        }
    }

    // Marked messages leave the pending list at once: there is never a published one left to purge.
    public Task<int> PurgePublishedAsync(DateTimeOffset publishedBefore, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(0);
}
