namespace NexusChat.Storage.Outbox;

/// <summary>What the relay needs: the events not yet confirmed by the broker, and a way to mark them confirmed.</summary>
public interface IOutboxReader
{
    /// <summary>Unpublished events, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks the events published; unknown or already published ids are ignored.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken);
}
