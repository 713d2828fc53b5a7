using NexusChat.EventBus.Outbox;
using NexusChat.Storage.Outbox;
using BusOutboxMessage = NexusChat.EventBus.Outbox.OutboxMessage;

namespace NexusChat.Worker.Outbox;

/// <summary>
/// The store's outbox (written in the same transaction as each change) as the event bus's relay reads it. The two
/// libraries stay independent of each other; this is the one place that joins them.
/// </summary>
public sealed class StoreOutbox(IOutboxReader outbox) : IOutboxStore
{
    public async Task<IReadOnlyList<BusOutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken) =>
        (await outbox.GetPendingAsync(limit, cancellationToken))
            .Select(m => new BusOutboxMessage(m.EventId, m.EventType, m.Payload, m.CreatedAt, m.TraceParent))
            .ToList();

    public Task MarkPublishedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        outbox.MarkPublishedAsync(ids, cancellationToken);
}
