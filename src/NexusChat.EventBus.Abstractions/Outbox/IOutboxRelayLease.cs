namespace NexusChat.EventBus.Abstractions.Outbox;

/// <summary>
/// The one lease that decides which of several workers relays the outbox. Only its holder publishes, so batches keep
/// leaving in outbox order however many workers run; another worker takes the lease over once the holder stops
/// renewing it (a crash) or gives it back (a clean stop). Kept in the store next to the outbox, so the lease and the
/// rows it guards live and fail together. Implemented next to each store (NexusChat.Storage).
/// </summary>
public interface IOutboxRelayLease
{
    /// <summary>
    /// Takes the lease for <paramref name="holder"/> until <paramref name="duration"/> from now when it is free, expired
    /// or already held by <paramref name="holder"/> (a renewal); returns whether <paramref name="holder"/> holds it now.
    /// </summary>
    Task<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease back if <paramref name="holder"/> holds it, so another relay need not wait for it to expire.</summary>
    Task ReleaseAsync(string holder, CancellationToken cancellationToken);
}
