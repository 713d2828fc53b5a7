using System.Diagnostics;
using OpenTelemetry;

namespace NexusChat.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps the spans worth seeing that the sampler left out: on end, a recorded but unsampled span that failed or took
/// longer than <paramref name="slowThreshold"/> is marked sampled. The export processors that run after this one
/// (OpenTelemetry orders the OTLP exporter's processor last) export exactly the spans whose Recorded flag is set when
/// they end, so such a span is exported on its own, without the fast spans of its trace.
/// </summary>
public sealed class ErrorAndSlowSpanProcessor(TimeSpan slowThreshold) : BaseProcessor<Activity>
{
    private const int SwitchingProtocols = 101;
    private const string ExtendedConnect = "CONNECT";

    public override void OnEnd(Activity data)
    {
        if (data.Recorded)
        {
            return;
        }

        if (data.Status == ActivityStatusCode.Error || (data.Duration > slowThreshold && !IsUpgradedConnection(data)))
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }

    // A WebSocket request (hub connections, through the gateway too) lasts as long as the client stays connected:
    // its length says nothing about speed, and keeping every one would undo the sampling. Over HTTP/1.1 it is
    // answered 101; over HTTP/2 (browsers to the gateway over TLS) it is an extended CONNECT answered 200.
    private static bool IsUpgradedConnection(Activity activity) =>
        activity.GetTagItem("http.response.status_code") is SwitchingProtocols
        || activity.GetTagItem("http.request.method") is ExtendedConnect;
}
