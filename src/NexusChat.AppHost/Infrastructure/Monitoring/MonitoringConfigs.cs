using System.Text;

namespace NexusChat.AppHost.Infrastructure.Monitoring;

/// <summary>An address Prometheus or Alertmanager reaches: host:port as the server itself must write it.</summary>
public sealed record ResolvedTarget(string Job, string Instance, string HostAndPort, string MetricsPath);

/// <summary>
/// The configuration files of Prometheus and Alertmanager, written when the addresses are known. Plain text (YAML is
/// JSON's superset, and every value here is quoted JSON) rather than a YAML library for two small files.
/// </summary>
public static class MonitoringConfigs
{
    public static string Prometheus(
        MonitoringSettings settings, IReadOnlyList<ResolvedTarget> targets, string rulesFile, string alertmanager, string self)
    {
        var yaml = new StringBuilder()
            .AppendLine("global:")
            .AppendLine($"  scrape_interval: {MonitoringSettings.Duration(settings.ScrapeInterval)}")
            .AppendLine($"  evaluation_interval: {MonitoringSettings.Duration(settings.EvaluationInterval)}")
            .AppendLine("rule_files:")
            .AppendLine($"  - {Quote(rulesFile)}")
            .AppendLine("alerting:")
            .AppendLine("  alertmanagers:")
            .AppendLine($"    - static_configs: [{{ targets: [{Quote(alertmanager)}] }}]")
            .AppendLine("scrape_configs:")
            .AppendLine($"  - job_name: prometheus")
            .AppendLine($"    static_configs: [{{ targets: [{Quote(self)}] }}]");
        foreach (var job in targets.GroupBy(t => t.Job))
        {
            yaml.AppendLine($"  - job_name: {Quote(job.Key)}")
                .AppendLine($"    metrics_path: {Quote(job.First().MetricsPath)}")
                .AppendLine("    static_configs:");
            foreach (var target in job)
            {
                // "replica" names the resource (api-2) the dashboard shows; "instance" stays host:port.
                yaml.AppendLine($"      - {{ targets: [{Quote(target.HostAndPort)}], labels: {{ replica: {Quote(target.Instance)} }} }}");
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// One receiver, the workers' webhook (every worker: each posts idempotently, so one alive is enough), with resolved
    /// notifications. The operator key is read from a file so it is neither in the config nor on a command line.
    /// </summary>
    public static string Alertmanager(MonitoringSettings settings, IReadOnlyList<string> webhookUrls, string operatorKeyFile)
    {
        var yaml = new StringBuilder()
            .AppendLine("route:")
            .AppendLine("  receiver: nexuschat")
            .AppendLine("  group_by: [alertname, job]")
            .AppendLine($"  group_wait: {MonitoringSettings.Duration(settings.GroupWait)}")
            .AppendLine($"  group_interval: {MonitoringSettings.Duration(settings.GroupInterval)}")
            .AppendLine("  repeat_interval: 4h")
            .AppendLine("receivers:")
            .AppendLine("  - name: nexuschat")
            .AppendLine("    webhook_configs:");
        foreach (var url in webhookUrls)
        {
            yaml.AppendLine($"      - url: {Quote(url)}")
                .AppendLine("        send_resolved: true")
                .AppendLine($"        http_config: {{ authorization: {{ type: Bearer, credentials_file: {Quote(operatorKeyFile)} }} }}");
        }

        return yaml.ToString();
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
