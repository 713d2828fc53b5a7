using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NexusChat.Contracts.Hosting;
using NexusChat.ServiceDefaults.Health;
using NexusChat.ServiceDefaults.Networking;
using NexusChat.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NexusChat.ServiceDefaults;

/// <summary>
/// What every NexusChat service gets: telemetry, health endpoints, service discovery and resilient
/// HttpClients. Adapted from the Aspire service-defaults template.
/// </summary>
public static class Extensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of the health checks that probe something a service depends on (store, Redis, RabbitMQ, …).</summary>
    public const string DependencyTag = "dependency";
    private const string LiveTag = "live";

    /// <summary>Meters and activity sources of NexusChat's own code, registered once for every service.</summary>
    public const string TelemetryPrefix = "NexusChat.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>This process's replica name, e.g. <c>api-2</c> (the machine name outside the AppHost).</summary>
    public static string InstanceId(this IHostApplicationBuilder builder) =>
        builder.Configuration[ServiceSettingKeys.InstanceId] ?? Environment.MachineName;

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddAttributes(
                [new KeyValuePair<string, object>("service.instance.id", builder.InstanceId())]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                // Hub connections and invocations (the framework's own source since .NET 9).
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !Probes.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = Probes.ShouldTraceOutgoing)
                .AddTraceSampling());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // The checks also run every 10 s for the health gauge the dependency alerts read (default 30 s).
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: ready when every dependency answers (JSON with one entry per check);
    /// <c>/alive</c>: the process serves requests; <c>/metrics</c>: Prometheus scrape endpoint. The first and the last
    /// tell how the deployment is built, so a service with a management port serves them there only
    /// (<see cref="ManagementPort"/>); <c>/alive</c> says nothing but "up" and answers on every port.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseManagementPort();
        app.MapHealthChecks(HealthPath, new() { ResponseWriter = HealthReportWriter.WriteAsync }).RequireManagementPort();
        app.MapHealthChecks(AlivePath, new() { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireManagementPort();
        return app;
    }
}
