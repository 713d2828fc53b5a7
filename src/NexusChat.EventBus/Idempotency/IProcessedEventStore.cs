namespace NexusChat.EventBus.Idempotency;

/// <summary>
/// Remembers which events a subscriber has handled, so a redelivered or republished event is acknowledged
/// without running its handler again.
/// </summary>
public interface IProcessedEventStore
{
    Task<bool> IsProcessedAsync(string subscriber, Guid eventId, CancellationToken cancellationToken);

    /// <summary>Called only after the handler succeeded; returns false if the event was already recorded.</summary>
    Task<bool> MarkProcessedAsync(string subscriber, Guid eventId, CancellationToken cancellationToken);
}
