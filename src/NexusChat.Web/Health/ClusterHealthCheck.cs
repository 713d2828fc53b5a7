using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace NexusChat.Web.Health;

/// <summary>
/// How many of a YARP cluster's destinations the gateway routes to right now, as its probes and the failures of
/// proxied requests left them: healthy when all are in rotation, degraded when some, unhealthy when none.
/// </summary>
public sealed class ClusterHealthCheck(IProxyStateLookup proxyState, string clusterId) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxyState.TryGetCluster(clusterId, out var cluster))
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"cluster {clusterId} is not loaded"));
        }

        var destinations = cluster.Destinations.Values.OrderBy(d => d.DestinationId, StringComparer.Ordinal).ToList();
        var healthy = destinations.Where(InRotation).Select(d => d.DestinationId).ToList();
        var outOfRotation = destinations.Where(d => !InRotation(d)).Select(d => d.DestinationId).ToList();

        var status = healthy.Count == destinations.Count && healthy.Count > 0 ? HealthStatus.Healthy
            : healthy.Count > 0 ? HealthStatus.Degraded
            : context.Registration.FailureStatus;
        var description = $"{healthy.Count}/{destinations.Count} destinations healthy"
            + (healthy.Count > 0 ? $": {string.Join(", ", healthy)}" : "")
            + (outOfRotation.Count > 0 ? $"; out of rotation: {string.Join(", ", outOfRotation)}" : "");
        var data = new Dictionary<string, object>
        {
            ["healthy"] = healthy.Count,
            ["total"] = destinations.Count,
            ["healthyDestinations"] = healthy,
            ["unhealthyDestinations"] = outOfRotation,
        };
        return Task.FromResult(new HealthCheckResult(status, description, data: data));
    }

    /// <summary>
    /// YARP's default availability rule (HealthyAndUnknown): a destination takes traffic unless the active probe or
    /// the passive check has marked it unhealthy. Unknown means not probed yet, and YARP routes to it.
    /// </summary>
    private static bool InRotation(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;
}
