using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NexusChat.ServiceDefaults.Health;

/// <summary>
/// Every health check's last result as a gauge (<c>nexuschat.health.status</c>: 1 healthy, 0.5 degraded, 0
/// unhealthy, by check), so Prometheus sees what <c>/health</c> says: a Redis or RabbitMQ outage shows on every replica
/// that depends on it, which is what the alerts on a lost dependency watch. ASP.NET Core's health-check publisher runs
/// the checks on its own schedule (<see cref="HealthCheckPublisherOptions"/>), apart from probes.
/// </summary>
public sealed class HealthMetrics : IHealthCheckPublisher
{
    public const string MeterName = Extensions.TelemetryPrefix + "Health";

    private readonly ConcurrentDictionary<string, double> _last = new(StringComparer.Ordinal);

    public HealthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "nexuschat.health.status",
            () => _last.Select(entry => new Measurement<double>(entry.Value, new KeyValuePair<string, object?>("check", entry.Key))),
            description: "Last result of each health check: 1 healthy, 0.5 degraded, 0 unhealthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            _last[name] = Value(entry.Status);
        }

        return Task.CompletedTask;
    }

    public static double Value(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };
}
