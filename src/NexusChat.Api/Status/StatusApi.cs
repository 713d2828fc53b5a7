using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.Contracts.Hosting;
using NexusChat.Contracts.Status;
using NexusChat.ServiceDefaults;

namespace NexusChat.Api.Status;

public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Status")
            .MapGet("/status", GetStatus)
            .WithName(nameof(GetStatus))
            .WithSummary("Which replica answered and how each dependency is doing.");
        return app;
    }

    /// <summary>Probes every dependency now (not a cached report), so a dead one shows at once.</summary>
    public static async Task<Ok<ServiceStatus>> GetStatus(
        HealthCheckService health, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(
            check => check.Tags.Contains(Extensions.DependencyTag), cancellationToken);
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
        return TypedResults.Ok(new ServiceStatus(instance, overall, dependencies));
    }
}
