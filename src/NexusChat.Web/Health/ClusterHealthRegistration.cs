using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.ServiceDefaults;
using Yarp.ReverseProxy;

namespace NexusChat.Web.Health;

public static class ClusterHealthRegistration
{
    /// <summary>
    /// One entry in the gateway's <c>/health</c> per YARP cluster, named after it (<c>api</c>, <c>realtime</c>), so
    /// the dashboard shows how many replicas of each service the gateway can reach. The cluster ids are read from the
    /// same configuration YARP loads; the destinations and their health are read live from YARP's state.
    /// </summary>
    public static IHostApplicationBuilder AddClusterHealthChecks(this IHostApplicationBuilder builder)
    {
        var healthChecks = builder.Services.AddHealthChecks();
        foreach (var cluster in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var clusterId = cluster.Key;
            healthChecks.Add(new HealthCheckRegistration(
                clusterId,
                services => new ClusterHealthCheck(services.GetRequiredService<IProxyStateLookup>(), clusterId),
                HealthStatus.Unhealthy,
                [Extensions.DependencyTag]));
        }

        return builder;
    }
}
