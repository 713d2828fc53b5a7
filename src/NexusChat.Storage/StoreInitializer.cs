using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NexusChat.Storage;

/// <summary>
/// Brings the schema up to date when a service starts. Every replica runs it; initialisation is idempotent
/// and safe to race, so no replica has to be "the one that migrates".
/// </summary>
public sealed partial class StoreInitializer(IStoreLifecycle store, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        LogInitialized(store.Provider, await store.GetSchemaVersionAsync(cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "The {Provider} store is at schema version {Version}")]
    private partial void LogInitialized(string provider, int version);
}
