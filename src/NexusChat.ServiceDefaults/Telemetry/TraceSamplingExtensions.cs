using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace NexusChat.ServiceDefaults.Telemetry;

public static class TraceSamplingExtensions
{
    /// <summary>
    /// Exports a share of traces (<see cref="TelemetryOptions"/>) plus every failed or slow span, and drops
    /// housekeeping. Replaces any sampler set by <c>OTEL_TRACES_SAMPLER</c> (a sampler set in code wins).
    /// </summary>
    public static TracerProviderBuilder AddTraceSampling(this TracerProviderBuilder tracing) => tracing
        .ConfigureServices(services => services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.TraceSampleRatio is >= 0 and <= 1, $"{TelemetryOptions.Section}:TraceSampleRatio must be between 0 and 1.")
            .Validate(o => o.SlowSpanThreshold > TimeSpan.Zero, $"{TelemetryOptions.Section}:SlowSpanThreshold must be positive.")
            .ValidateOnStart())
        .SetSampler(services => new TraceSampler(Settings(services).TraceSampleRatio))
        // Whatever the order of registration, the OTLP exporter's processor runs after this one (UseOtlpExporter
        // gives it the highest pipeline weight), so it sees the Recorded flag this processor sets.
        .AddProcessor(services => new ErrorAndSlowSpanProcessor(Settings(services).SlowSpanThreshold));

    private static TelemetryOptions Settings(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
}
