using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class SecurityHeadersTests(HostModeAppFixture fixture)
{
    /// <summary>The policy for a page served as <paramref name="host"/> (host and port, as in the Host header).</summary>
    public static string ContentSecurityPolicy(string host) =>
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
        $"connect-src 'self' ws://{host} wss://{host}; font-src 'self'; media-src 'self' blob:; object-src 'none'; " +
        "base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    [Theory]
    [InlineData("/")] // index.html, through the client-route fallback
    [InlineData("/index.html")]
    [InlineData("/_framework/blazor.webassembly.js")]
    [InlineData("/api/status")] // proxied from an api replica
    [InlineData("/api/no-such-route")] // the api's own 404
    [InlineData("/alive")] // the gateway's own endpoint
    [InlineData("/health")] // the gateway's own 404 (served on the management port only)
    public async Task EveryResponseOfTheGatewayCarriesTheSecurityHeaders(string path)
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await web.GetAsync(path, timeout.Token);

        Assert.Equal(ContentSecurityPolicy(fixture.WebAddress.Authority), Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.StartsWith("camera=(self), microphone=(self)", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        // Neither the gateway nor a proxied service names its server software.
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    [Fact]
    public async Task ScriptMayConnectOnlyToThePagesOwnOrigin()
    {
        using var web = fixture.CreateWebClient();
        var host = fixture.WebAddress.Authority;

        using var response = await web.GetAsync("/");

        var connectSources = Header(response, "Content-Security-Policy").Split("; ")
            .Single(directive => directive.StartsWith("connect-src ", StringComparison.Ordinal))
            .Split(' ')[1..];
        // REST and the hub's WebSocket (named for browsers that do not match ws/wss with 'self'), and nothing else:
        // a bare ws: or wss: would let injected script send what it reads to any host.
        Assert.Equal(["'self'", $"ws://{host}", $"wss://{host}"], connectSources);
    }

    [Fact]
    public async Task AHostHeaderThatIsNotAHostNameAddsNothingToThePolicy()
    {
        using var web = fixture.CreateWebClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "[::1]:5080";

        using var response = await web.SendAsync(request);

        Assert.Contains("; connect-src 'self'; ", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    /// <summary>The header's single value: a second copy (the gateway's next to a service's) would be a bug too.</summary>
    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} is missing");
        return Assert.Single(values);
    }
}
