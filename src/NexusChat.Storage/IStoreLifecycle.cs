namespace NexusChat.Storage;

/// <summary>
/// What every store provider does besides holding data: create its schema and indexes, and answer a probe.
/// The feature stores (accounts, conversations, messages, …) sit beside this on the same provider.
/// </summary>
public interface IStoreLifecycle
{
    /// <summary>"mongo" or "embedded".</summary>
    string Provider { get; }

    /// <summary>
    /// Brings the schema and indexes to the current version. Safe to call from every replica at once, any
    /// number of times.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The schema version the store holds (0 before initialisation).</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
