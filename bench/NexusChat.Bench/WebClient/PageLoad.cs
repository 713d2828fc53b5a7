namespace NexusChat.Bench.WebClient;

/// <summary>
/// One page load, in the page's own clock (milliseconds since navigation start).
/// </summary>
/// <param name="Interactive">The sign-in form is usable: see <see cref="PageLoadProbe"/>.</param>
/// <param name="FirstContentfulPaint">The loading screen's first paint; null if Chromium reported none.</param>
/// <param name="FrameworkDownloaded">The end of the last <c>_framework/</c> response (runtime, assemblies): what is left
/// until <paramref name="Interactive"/> is the .NET runtime and the app starting in the browser, not the network.</param>
/// <param name="TransferredBytes">Σ transferSize of the document and every resource: bodies as sent (compressed)
/// plus headers; 0 for a file served from the browser's cache, headers only for a 304.</param>
/// <param name="DecodedBytes">Σ decodedBodySize: the same files after decompression.</param>
/// <param name="Requests">Resource entries, the document included.</param>
/// <param name="FromCache">Requests answered from the browser's cache without touching the network.</param>
public sealed record PageLoad(
    double Interactive, double? FirstContentfulPaint, double FrameworkDownloaded, long TransferredBytes, long DecodedBytes, int Requests, int FromCache)
{
    /// <summary>Responses the page received (cached ones included) by their Content-Encoding header.</summary>
    public IReadOnlyDictionary<string, int> ContentEncodings { get; init; } = new Dictionary<string, int>();
}
