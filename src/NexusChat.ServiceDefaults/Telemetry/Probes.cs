using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace NexusChat.ServiceDefaults.Telemetry;

/// <summary>
/// Health and scrape requests: the gateway probes every replica's <c>/alive</c> every second, the AppHost polls
/// <c>/health</c>, Prometheus scrapes <c>/metrics</c>. Traced, they would drown the traces people look for.
/// </summary>
public static class Probes
{
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(Extensions.HealthPath) || path.StartsWithSegments(Extensions.AlivePath)
        || path.StartsWithSegments(Extensions.MetricsPath);

    /// <summary>
    /// Whether the HttpClient instrumentation traces <paramref name="request"/>: all but a probe that no request of
    /// ours caused (the gateway's active health checks run on a timer, so their span is a root).
    /// </summary>
    /// <remarks>
    /// The sampler cannot take this decision: System.Net.Http starts its activity (named
    /// <c>System.Net.Http.HttpRequestOut</c>) with no tags, and sets the URL only after sampling. The instrumentation
    /// calls this right after the start and, on false, stops recording the span, so it reaches no processor.
    /// </remarks>
    public static bool ShouldTraceOutgoing(HttpRequestMessage request) =>
        !IsRoot(Activity.Current) || request.RequestUri is not { IsAbsoluteUri: true } uri || !IsProbe(new PathString(uri.AbsolutePath));

    private static bool IsRoot(Activity? activity) => activity is not null && activity.ParentSpanId == default;
}
