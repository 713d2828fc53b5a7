using System.Diagnostics;
using OpenTelemetry.Trace;

namespace NexusChat.ServiceDefaults.Telemetry;

/// <summary>
/// Samples a share of new traces by trace id and follows the parent's decision everywhere else, so a trace is either
/// exported whole or not at all. Spans outside the share are still recorded (not exported) so that
/// <see cref="ErrorAndSlowSpanProcessor"/> can keep the failed and slow ones; housekeeping roots are dropped here,
/// before they collect any data.
/// </summary>
public sealed class TraceSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordedOnly = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    private readonly TraceIdRatioBasedSampler _ratio = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId != default)
        {
            // Local or remote alike: the service where the trace started has decided for all of it.
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Sampled : RecordedOnly;
        }

        if (IsRedisCommand(samplingParameters))
        {
            // A Redis command with no parent was issued by a timer (presence renew and sweep, pub/sub callbacks), not
            // by a request: every few seconds, on every replica, and never what someone opens a trace for.
            return Dropped;
        }

        return _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Sampled : RecordedOnly;
    }

    // The Redis instrumentation (vendored in Aspire.StackExchange.Redis) names a span after the command and gives it
    // its db.system tag (db.system.name under the newer conventions) when it starts, which is all a sampler sees.
    private static bool IsRedisCommand(in SamplingParameters parameters)
    {
        if (parameters.Kind != ActivityKind.Client || parameters.Tags is not { } tags)
        {
            return false;
        }

        foreach (var (key, value) in tags)
        {
            if (key is "db.system" or "db.system.name" && value is "redis")
            {
                return true;
            }
        }

        return false;
    }
}
