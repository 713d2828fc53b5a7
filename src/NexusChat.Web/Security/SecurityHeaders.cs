using System.Text.RegularExpressions;

namespace NexusChat.Web.Security;

/// <summary>
/// Headers the gateway puts on every response it sends: its own (index.html, framework files, /health, errors)
/// and the ones it proxies from api and realtime, so no service behind it has to remember them.
/// </summary>
public static partial class SecurityHeaders
{
    private const string OwnHost = "{own-host}";

    private static readonly string PolicyTemplate = string.Join("; ",
        // Anything not listed below may only come from the gateway's own origin.
        "default-src 'self'",
        // The WebAssembly runtime compiles the .wasm files it downloads; 'wasm-unsafe-eval' allows exactly that
        // (no JavaScript eval, no inline script: index.html loads blazor.webassembly.js from a file).
        "script-src 'self' 'wasm-unsafe-eval'",
        // Styles come from css/app.css; Blazor sets styles through the CSSOM, which CSP does not restrict.
        "style-src 'self'",
        // Avatars and thumbnails: our own files, data: URIs for tiny inline images, blob: for local previews.
        "img-src 'self' data: blob:",
        // REST and the framework's fetches go to our origin, the hub's WebSocket to the same host. CSP Level 3 browsers
        // match ws/wss to the page's host with 'self'; Safari before 16 (and Chrome before 71) did not, so the page's
        // own host is named with both schemes. Never a bare ws:/wss:, which would let injected script talk to any host.
        $"connect-src 'self' ws://{OwnHost} wss://{OwnHost}",
        "font-src 'self'",
        // Call media and downloaded attachments played from object URLs.
        "media-src 'self' blob:",
        // No plugins, and a <base> tag injected into a page cannot redirect relative URLs elsewhere.
        "object-src 'none'",
        "base-uri 'self'",
        // Nobody may frame the app (clickjacking); X-Frame-Options says the same to older browsers.
        "frame-ancestors 'none'",
        "form-action 'self'");

    /// <summary>
    /// The api's reference page (Scalar, mapped in Development only) boots from an inline module script and injects
    /// its styles: the same policy with inline script and style allowed on that page alone, never in production.
    /// </summary>
    private static readonly string ApiReferencePolicyTemplate = PolicyTemplate
        .Replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", StringComparison.Ordinal)
        .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    private static readonly PathString ApiReference = "/api/docs";

    /// <summary>The policy for a page served as <paramref name="host"/> (the request's Host: the page's own origin).</summary>
    public static string ContentSecurityPolicy(HostString host) => ForHost(PolicyTemplate, host);

    public static string ApiReferencePolicy(HostString host) => ForHost(ApiReferencePolicyTemplate, host);

    // A host CSP can name: letters, digits, dots and dashes, and a port. Kestrel has refused a malformed Host already;
    // this also leaves out IPv6 literals, which CSP source expressions cannot express ('self' still covers them).
    [GeneratedRegex(@"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")]
    private static partial Regex NameableHost();

    private static string ForHost(string template, HostString host) =>
        host.HasValue && NameableHost().IsMatch(host.Value)
            ? template.Replace(OwnHost, host.Value, StringComparison.Ordinal)
            : template.Replace($" ws://{OwnHost} wss://{OwnHost}", "", StringComparison.Ordinal);

    // Camera and microphone for calls from our own pages only; features the app never uses are switched off.
    public const string PermissionsPolicy =
        "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

    /// <summary>
    /// Sets the headers just before each response starts, after YARP has copied a destination's headers, so the
    /// gateway's values replace whatever a service sent instead of being appended next to it.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            var policy = development && context.Request.Path.StartsWithSegments(ApiReference)
                ? ApiReferencePolicy(context.Request.Host)
                : ContentSecurityPolicy(context.Request.Host);
            context.Response.OnStarting(() =>
            {
                Apply(context.Response.Headers, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        // A JSON body or an upload must never be sniffed into HTML or script.
        headers.XContentTypeOptions = "nosniff";
        // Conversation ids in our URLs are nobody else's business, not even a linked site's.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        // A window we open (or that opened us) gets no handle on ours: no cross-window attacks on the session.
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        // Kestrel's own Server header is off (GatewayLimits); a proxied service's would still name its stack.
        headers.Remove("Server");
    }
}
