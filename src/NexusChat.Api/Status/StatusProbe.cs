using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Hosting;
using NexusChat.Contracts.Status;
using NexusChat.ServiceDefaults;

namespace NexusChat.Api.Status;

/// <summary>
/// Probes every dependency at most once per <see cref="StatusOptions.CacheFor"/> on this replica: callers within that
/// time get the last round's report, and callers that arrive while a round runs wait for that round. Without it each
/// anonymous request cost a Redis ping, a RabbitMQ channel, a store query and a TURN allocation.
/// </summary>
public sealed class StatusProbe(HealthCheckService health, IConfiguration configuration, IOptions<StatusOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Task<ServiceStatus>? _round;

    public Task<ServiceStatus> GetAsync(CancellationToken cancellationToken)
    {
        Task<ServiceStatus> round;
        lock (_gate)
        {
            if (_round is null || IsStale(_round))
            {
                _round = ProbeAsync();
            }

            round = _round;
        }

        // A caller that hangs up stops waiting; the round goes on for the others.
        return round.WaitAsync(cancellationToken);
    }

    // A round that failed is retried by the next caller rather than served for the whole period.
    private bool IsStale(Task<ServiceStatus> round) =>
        round.IsFaulted || round.IsCanceled
        || (round.IsCompletedSuccessfully && time.GetUtcNow() - round.Result.CheckedAt >= options.Value.CacheFor);

    private async Task<ServiceStatus> ProbeAsync()
    {
        // Not the caller's token: the round is shared. Each check has its own timeout (3 s for Redis and RabbitMQ).
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(Extensions.DependencyTag), CancellationToken.None);
        var dependencies = report.Entries
            .Select(entry => new DependencyStatus(
                entry.Key,
                configuration[ServiceSettingKeys.Mode(entry.Key)] ?? "unknown",
                entry.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
                Math.Round(entry.Value.Duration.TotalMilliseconds, 2),
                entry.Value.Status == HealthStatus.Healthy ? null : entry.Value.Description ?? entry.Value.Exception?.Message))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var instance = configuration[ServiceSettingKeys.InstanceId] ?? Environment.MachineName;
        var overall = dependencies.All(d => d.Status == "healthy") ? "healthy" : "unhealthy";
        return new ServiceStatus(instance, overall, dependencies, time.GetUtcNow());
    }
}
