using System.Diagnostics;
using NexusChat.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace NexusChat.Tests.Telemetry;

/// <summary>
/// A tracer provider as a service has it (our sampler, then our processor, then an exporter) listening to a source
/// of its own, so tests running in parallel neither see nor change each other's spans.
/// </summary>
public sealed class SampledTracing : IDisposable
{
    public static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    private readonly TracerProvider _provider;

    public SampledTracing(double ratio, Func<TracerProviderBuilder, TracerProviderBuilder>? instrument = null)
    {
        Source = new ActivitySource($"Tests.Telemetry.{Guid.NewGuid():N}");
        var builder = Sdk.CreateTracerProviderBuilder()
            .AddSource(Source.Name)
            .SetSampler(new TraceSampler(ratio))
            .AddProcessor(new ErrorAndSlowSpanProcessor(SlowThreshold));
        _provider = (instrument?.Invoke(builder) ?? builder).AddInMemoryExporter(Exported).Build();
    }

    public ActivitySource Source { get; }

    public List<Activity> Exported { get; } = [];

    /// <summary>A client span as the Redis instrumentation starts one: named after the command, tagged when it starts.</summary>
    public Activity? StartRedisCommand(string tag, ActivityContext parent = default, DateTimeOffset startTime = default) =>
        Source.StartActivity("ZRANGEBYSCORE", ActivityKind.Client, parent, [new(tag, "redis")], startTime: startTime);

    /// <summary>A span that ends <paramref name="duration"/> after it started.</summary>
    public void Run(string name, TimeSpan duration, Action<Activity>? configure = null, ActivityKind kind = ActivityKind.Server)
    {
        var start = DateTimeOffset.UtcNow - duration;
        using var activity = Source.StartActivity(name, kind, default(ActivityContext), startTime: start)
            ?? throw new InvalidOperationException("The provider listens to this source.");
        configure?.Invoke(activity);
        activity.SetEndTime(start.UtcDateTime + duration);
    }

    public static ActivityContext RemoteParent(bool sampled) =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);

    public void Dispose()
    {
        _provider.Dispose();
        Source.Dispose();
    }
}
