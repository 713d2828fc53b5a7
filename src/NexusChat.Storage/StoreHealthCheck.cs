using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NexusChat.Storage;

/// <summary>The store answers a round trip (SQLite query or MongoDB ping).</summary>
public sealed class StoreHealthCheck(IStoreLifecycle store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.PingAsync(cancellationToken);
        return HealthCheckResult.Healthy($"{store.Provider} store answers");
    }
}
