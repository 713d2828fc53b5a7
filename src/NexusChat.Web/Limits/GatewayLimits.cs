using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace NexusChat.Web.Limits;

/// <summary>
/// Kestrel's limits for the gateway, written out rather than left to defaults: it is the only endpoint exposed to
/// the internet, so these numbers are what a hostile client meets first.
/// </summary>
public static class GatewayLimits
{
    /// <summary>
    /// For everything that has no limit of its own. The gateway's own endpoints take no body and the hub's messages
    /// travel over WebSockets, which this limit does not apply to; the <c>api</c> route raises it to 2 MiB
    /// (<c>MaxRequestBodySize</c> in appsettings.json), which YARP applies per request; only the <c>uploads</c> route
    /// (<c>/api/uploads</c>) lifts it, because the api bounds each upload chunk by the upload's own announced length.
    /// </summary>
    public const long DefaultMaxRequestBodySize = 64 * 1024;

    /// <summary>
    /// A proxied WebSocket holds two sockets in the gateway (browser and realtime replica) and a process may open
    /// 20,000 files here, so past about 9,900 hub connections the gateway would fail at random; refusing the upgrade
    /// beyond this number fails clearly instead.
    /// </summary>
    public const long MaxConcurrentWebSockets = 9_000;

    public static IWebHostBuilder ConfigureGatewayLimits(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(kestrel =>
        {
            // Nothing to gain from telling scanners which server this is.
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = DefaultMaxRequestBodySize;
            limits.MaxConcurrentUpgradedConnections = MaxConcurrentWebSockets;
            // The defaults, pinned: a bearer token is about 1 KB, nothing we serve needs longer URLs or more headers.
            limits.MaxRequestLineSize = 8 * 1024;
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestHeaderCount = 100;
            // Half the default: a client that trickles its headers (slowloris) loses its connection sooner.
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            // A body slower than 240 B/s after a 5 s grace period holds a connection for nothing (the default).
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.Http2.MaxStreamsPerConnection = 100;
        });
}
