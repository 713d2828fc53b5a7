using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure.Monitoring;

/// <summary>One process Prometheus scrapes: its job (the service), the replica's resource name and its metrics endpoint.</summary>
public sealed record ScrapeTarget(string Job, string Instance, EndpointReference Endpoint, string MetricsPath);

/// <summary>
/// What Prometheus scrapes, read from the model: every replica of every service on the endpoint that serves
/// <c>/metrics</c> (the management endpoint where a service has one, as the gateway does), and every server that
/// declares a <see cref="MetricsEndpoint"/> (RabbitMQ's built-in exporter).
/// </summary>
public static class ScrapeTargets
{
    public const string MetricsEndpoint = "metrics";

    public static IReadOnlyList<ScrapeTarget> From(IDistributedApplicationBuilder builder)
    {
        var targets = new List<ScrapeTarget>();
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var endpoint = project.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == ServiceSettingKeys.ManagementEndpoint)
                ? ServiceSettingKeys.ManagementEndpoint
                : "http";
            targets.Add(new ScrapeTarget(JobOf(project.Name), project.Name, project.GetEndpoint(endpoint), "/metrics"));
        }

        foreach (var server in builder.Resources.OfType<IResourceWithEndpoints>().Where(r => r is not ProjectResource))
        {
            if (server.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == MetricsEndpoint))
            {
                targets.Add(new ScrapeTarget(server.Name, server.Name, server.GetEndpoint(MetricsEndpoint), "/metrics"));
            }
        }

        return targets;
    }

    /// <summary>The worker replicas, which take Alertmanager's webhook.</summary>
    public static IReadOnlyList<EndpointReference> Workers(IDistributedApplicationBuilder builder) =>
        [.. builder.Resources.OfType<ProjectResource>().Where(p => JobOf(p.Name) == ResourceNames.Worker).Select(p => p.GetEndpoint("http"))];

    /// <summary><c>api-2</c> → <c>api</c>: every replica of a service is one job, so alerts and dashboards group by service.</summary>
    public static string JobOf(string resourceName)
    {
        var dash = resourceName.LastIndexOf('-');
        return dash > 0 && resourceName[(dash + 1)..].All(char.IsAsciiDigit) ? resourceName[..dash] : resourceName;
    }
}
