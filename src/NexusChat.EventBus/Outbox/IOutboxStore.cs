namespace NexusChat.EventBus.Outbox;

/// <summary>The outbox table or collection of a store; implemented next to that store (NexusChat.Storage).</summary>
public interface IOutboxStore
{
    /// <summary>Messages not yet confirmed by the broker, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken);

    Task MarkPublishedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
