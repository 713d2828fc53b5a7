using Microsoft.Extensions.Configuration;

namespace NexusChat.AppHost.Infrastructure.Monitoring;

/// <summary>
/// How often Prometheus scrapes and evaluates, and how Alertmanager groups (<c>NexusChat:Monitoring:*</c>). The defaults
/// suit a deployment; tests shorten them so an alert fires within seconds of what it watches.
/// </summary>
public sealed record MonitoringSettings(TimeSpan ScrapeInterval, TimeSpan EvaluationInterval, TimeSpan GroupWait, TimeSpan GroupInterval)
{
    public static MonitoringSettings Resolve(IConfiguration configuration)
    {
        var section = configuration.GetSection("NexusChat:Monitoring");
        return new MonitoringSettings(
            section.GetValue("ScrapeInterval", TimeSpan.FromSeconds(15)),
            section.GetValue("EvaluationInterval", TimeSpan.FromSeconds(15)),
            section.GetValue("GroupWait", TimeSpan.FromSeconds(10)),
            section.GetValue("GroupInterval", TimeSpan.FromMinutes(1)));
    }

    /// <summary>Prometheus's duration syntax: whole milliseconds ("1500ms"), which every field accepts.</summary>
    public static string Duration(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";
}
