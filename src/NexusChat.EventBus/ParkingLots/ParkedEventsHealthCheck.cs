using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>
/// Degraded while any parking lot holds an event: the service still works, but some change reached no one yet and
/// waits for an operator. The data names each lot and its count.
/// </summary>
internal sealed class ParkedEventsHealthCheck(DeadLetterOffice office) : IHealthCheck
{
    public const string Name = "parked-events";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = await office.CountAsync(cancellationToken);
        var parked = counts.Where(c => c.Events > 0).ToList();
        var data = parked.ToDictionary(c => c.ParkingQueue, c => (object)c.Events);
        return parked.Count == 0
            ? HealthCheckResult.Healthy($"Nothing parked in {counts.Count} parking lot(s).")
            : HealthCheckResult.Degraded(
                $"{parked.Sum(c => c.Events)} event(s) parked: {string.Join(", ", parked.Select(c => $"{c.Subscriber} {c.Events}"))}; see the worker's /dead-letters.",
                data: data);
    }
}
