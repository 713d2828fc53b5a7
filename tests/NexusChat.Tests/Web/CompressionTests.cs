using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Status;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Web;

// The gateway client does not decompress (HttpClient's default), so the tests see the bytes on the wire.
[Collection(HostModeAppCollection.Name)]
public sealed class CompressionTests(HostModeAppFixture fixture)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task AnApiJsonAnswerIsCompressedWithTheEncodingTheClientAccepts(string encoding)
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        using var response = await web.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var status = JsonSerializer.Deserialize<ServiceStatus>(Decode(body, encoding), JsonSerializerOptions.Web);
        Assert.StartsWith("api-", status!.Instance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameworkFileIsServedPrecompressedAndNotCompressedAgain()
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/blazor.webassembly.js");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await web.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);

        response.EnsureSuccessStatusCode();
        // A debug build precompresses with gzip, a release publish with Brotli too: one encoding either way.
        var encoding = Assert.Single(response.Content.Headers.ContentEncoding);
        // Decoding once gives the script itself; had the middleware compressed it again, it would still be binary.
        var script = Encoding.UTF8.GetString(Decode(body, encoding));
        Assert.Contains("Blazor", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersCarryingTokensAreNotCompressed()
    {
        // Registered on a replica directly, with its own client address: registrations through the gateway all
        // count against one address's rate limit.
        using var api = new ApiClient(fixture, "api-1");
        var signedIn = await api.RegisterAsync();
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh")
        {
            Content = JsonContent.Create(new RefreshRequest(signedIn.RefreshToken)),
        };
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await web.SendAsync(request, timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Empty(response.Content.Headers.ContentEncoding);
        var refreshed = await response.Content.ReadFromJsonAsync<AuthResponse>(timeout.Token);
        Assert.False(string.IsNullOrEmpty(refreshed?.AccessToken));
    }

    [Fact]
    public async Task HubResponsesAreNotCompressed()
    {
        using var api = new ApiClient(fixture, "api-1");
        var signedIn = await api.RegisterAsync();
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Negotiation is the one plain-HTTP JSON answer of the hub (our clients skip it and go straight to WebSockets).
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hubs/chat/negotiate?negotiateVersion=1&access_token={signedIn.AccessToken}");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await web.SendAsync(request, timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var compressed = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(compressed, CompressionMode.Decompress),
            "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not an encoding the gateway uses"),
        };
        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }
}
