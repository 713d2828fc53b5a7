using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure.Monitoring;

/// <summary>
/// Prometheus and Alertmanager beside the app: Prometheus scrapes every replica, the worker and RabbitMQ and evaluates
/// the alert rules in <c>deploy/prometheus/alerts.yml</c> (the file production uses too); Alertmanager sends what fires
/// and resolves to the workers' webhook, which posts it into the operators' channel. Host mode runs Debian's binaries,
/// container mode the official images. Config files are written once every address is known, just before each starts.
/// </summary>
public static class MonitoringResources
{
    public const string Prometheus = "prometheus";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";

    public static void AddMonitoring(
        this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure, IResourceBuilder<ParameterResource> operatorKey)
    {
        if (infrastructure.Settings.IsPublishMode)
        {
            // A deployment brings its own Prometheus (deploy/ says how to load the rules); the manifest stays the app's.
            return;
        }

        var settings = MonitoringSettings.Resolve(builder.Configuration);
        var rules = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "deploy", "prometheus"));
        var container = infrastructure.Settings.Mode == InfrastructureMode.Container;
        var prometheusDirectory = RunDirectories.For(infrastructure.Settings, Prometheus);
        var alertmanagerDirectory = RunDirectories.For(infrastructure.Settings, Alertmanager);
        var prometheusPort = LoopbackPorts.Free();
        var alertmanagerPort = LoopbackPorts.Free();
        // Containers reach the host's processes through the engine's host alias; processes use loopback.
        Func<string, string> fromServer = container ? hostAndPort => $"host.docker.internal:{hostAndPort.Split(':')[^1]}" : hostAndPort => hostAndPort;
        var rulesDirectory = container ? "/etc/nexuschat/rules" : rules;

        var alertmanager = (container
                ? builder.AddContainer(Alertmanager, "prom/alertmanager", "v0.28.1")
                    .WithBindMount(alertmanagerDirectory, "/etc/nexuschat")
                    .WithArgs("--config.file=/etc/nexuschat/alertmanager.yml", "--storage.path=/alertmanager",
                        $"--web.listen-address=:{alertmanagerPort}", "--cluster.listen-address=")
                : (IResourceBuilder<IResourceWithEndpoints>)builder.AddExecutable(Alertmanager, HostBinaries.Find("prometheus-alertmanager")!, alertmanagerDirectory,
                    $"--config.file={Path.Combine(alertmanagerDirectory, "alertmanager.yml")}", $"--storage.path={Path.Combine(alertmanagerDirectory, "data")}",
                    $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address="))
            .WithHttpEndpoint(port: alertmanagerPort, targetPort: alertmanagerPort, isProxied: false)
            .WithHttpHealthCheck("/-/ready")
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                var keyFile = Path.Combine(alertmanagerDirectory, "operator-key");
                await File.WriteAllTextAsync(keyFile, await operatorKey.Resource.GetValueAsync(cancellationToken), cancellationToken);
                var webhooks = new List<string>();
                foreach (var worker in ScrapeTargets.Workers(builder))
                {
                    var address = fromServer(await worker.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken) ?? "");
                    webhooks.Add($"http://{address}{OperatorEndpoints.Alerts}");
                }

                var keyPath = container ? "/etc/nexuschat/operator-key" : keyFile;
                await File.WriteAllTextAsync(Path.Combine(alertmanagerDirectory, "alertmanager.yml"),
                    MonitoringConfigs.Alertmanager(settings, webhooks, keyPath), cancellationToken);
            });

        var prometheus = (container
                ? builder.AddContainer(Prometheus, "prom/prometheus", "v2.53.4")
                    .WithBindMount(prometheusDirectory, "/etc/nexuschat")
                    .WithBindMount(rules, "/etc/nexuschat/rules", isReadOnly: true)
                    .WithArgs("--config.file=/etc/nexuschat/prometheus.yml", $"--web.listen-address=:{prometheusPort}")
                : (IResourceBuilder<IResourceWithEndpoints>)builder.AddExecutable(Prometheus, HostBinaries.Find("prometheus")!, prometheusDirectory,
                    $"--config.file={Path.Combine(prometheusDirectory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(prometheusDirectory, "data")}",
                    $"--web.listen-address=127.0.0.1:{prometheusPort}", "--storage.tsdb.retention.time=2d"))
            .WithHttpEndpoint(port: prometheusPort, targetPort: prometheusPort, isProxied: false)
            .WithHttpHealthCheck("/-/ready")
            .WithReferenceRelationship(alertmanager)
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                var targets = new List<ResolvedTarget>();
                foreach (var target in ScrapeTargets.From(builder))
                {
                    var address = await target.Endpoint.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken) ?? "";
                    targets.Add(new ResolvedTarget(target.Job, target.Instance, fromServer(address), target.MetricsPath));
                }

                var self = container ? $"localhost:{prometheusPort}" : $"127.0.0.1:{prometheusPort}";
                var alertmanagerAddress = container ? $"host.docker.internal:{alertmanagerPort}" : $"127.0.0.1:{alertmanagerPort}";
                await File.WriteAllTextAsync(Path.Combine(prometheusDirectory, "prometheus.yml"),
                    MonitoringConfigs.Prometheus(settings, targets, Path.Combine(rulesDirectory, "alerts.yml"), alertmanagerAddress, self), cancellationToken);
            });

        if (container)
        {
            // The production dashboard, provisioned with its data source, so container mode shows what a deployment would.
            builder.AddContainer(Grafana, "grafana/grafana", "11.4.0")
                .WithBindMount(Path.Combine(rules, "..", "grafana", "provisioning"), "/etc/grafana/provisioning", isReadOnly: true)
                .WithEnvironment("PROMETHEUS_URL", "http://host.docker.internal:" + prometheusPort)
                .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
                .WithHttpEndpoint(targetPort: 3000)
                .WithReferenceRelationship(prometheus);
        }
    }
}
