namespace NexusChat.EventBus.Abstractions.Outbox;

/// <summary>
/// The outbox table or collection of a store, as the relay reads it; implemented next to that store
/// (NexusChat.Storage), which writes the entries in the same transaction as each change.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Messages not yet marked published, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks the messages published; unknown or already published ids are ignored.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> messages marked published before <paramref name="publishedBefore"/>,
    /// oldest first, and returns how many; a message not yet published is never deleted.
    /// </summary>
    Task<int> PurgePublishedAsync(DateTimeOffset publishedBefore, int limit, CancellationToken cancellationToken);
}
