using System.Diagnostics;
using System.Text;

namespace NexusChat.EventBus.Telemetry;

/// <summary>
/// Carries W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in AMQP headers through whatever propagator
/// the process uses, so a consumer's work joins the trace of the request that raised the event.
/// </summary>
internal static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";

    public static void Inject(Activity? activity, string? fallbackTraceParent, IDictionary<string, object?> headers)
    {
        if (activity is not null)
        {
            DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) =>
                ((IDictionary<string, object?>)carrier!)[key] = value);
        }
        else if (fallbackTraceParent is not null)
        {
            // Nobody listens to our source here, yet the consumer may: pass the writer's context on unchanged.
            headers[TraceParent] = fallbackTraceParent;
        }
    }

    public static ActivityContext Extract(IDictionary<string, object?>? headers)
    {
        if (headers is null)
        {
            return default;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((IDictionary<string, object?>)carrier!).TryGetValue(name, out var raw) ? AsString(raw) : null;
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    public static ActivityContext Parse(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;

    // AMQP header strings arrive as byte arrays.
    private static string? AsString(object? raw) => raw switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => null,
    };
}
