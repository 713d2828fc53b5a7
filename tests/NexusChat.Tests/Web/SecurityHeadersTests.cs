using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class SecurityHeadersTests(HostModeAppFixture fixture)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws: wss:; font-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "frame-ancestors 'none'; form-action 'self'";

    [Theory]
    [InlineData("/")] // index.html, through the client-route fallback
    [InlineData("/index.html")]
    [InlineData("/_framework/blazor.webassembly.js")]
    [InlineData("/api/status")] // proxied from an api replica
    [InlineData("/api/no-such-route")] // the api's own 404
    [InlineData("/health")] // the gateway's own endpoint
    public async Task EveryResponseOfTheGatewayCarriesTheSecurityHeaders(string path)
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await web.GetAsync(path, timeout.Token);

        Assert.Equal(ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.StartsWith("camera=(self), microphone=(self)", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        // Neither the gateway nor a proxied service names its server software.
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    /// <summary>The header's single value: a second copy (the gateway's next to a service's) would be a bug too.</summary>
    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} is missing");
        return Assert.Single(values);
    }
}
