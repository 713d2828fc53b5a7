namespace NexusChat.ServiceDefaults.Telemetry;

/// <summary>
/// How much tracing costs under load: the share of traces exported whole, and when a span outside that share is
/// exported anyway (it failed, or took longer than <see cref="SlowSpanThreshold"/>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "NexusChat:Telemetry";

    /// <summary>
    /// Share of new traces (0 to 1) exported whole; the decision is taken once, where the trace starts, and every
    /// service follows it. 1 exports everything, for debugging.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;

    /// <summary>A span outside the sampled share that lasts longer than this is exported on its own.</summary>
    public TimeSpan SlowSpanThreshold { get; set; } = TimeSpan.FromMilliseconds(500);
}
