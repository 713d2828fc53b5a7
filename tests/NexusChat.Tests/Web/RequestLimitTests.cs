using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class RequestLimitTests(HostModeAppFixture fixture)
{
    private const int ApiLimit = 2 * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // chunked: no Content-Length to refuse up front, the gateway counts while it forwards
    public async Task ABodyOverTheApiRoutesLimitGetsAProblemDetails413FromTheGateway(bool chunked)
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Valid JSON as far as it goes, so nothing but the size can make the api or the gateway stop reading.
        var body = Encoding.UTF8.GetBytes($"{{\"username\":\"{new string('a', ApiLimit + 1024)}\"}}");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        // With a declared length the gateway answers before reading the body; without 100-continue the client would
        // still be writing when the 413 arrives and the connection closes (a broken pipe instead of the answer).
        request.Headers.ExpectContinue = !chunked;

        using var response = await web.SendAsync(request, timeout.Token);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABodyOverTheGatewaysDefaultLimitGetsAProblemDetails413OutsideTheApiRoute()
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var content = new ByteArrayContent(new byte[128 * 1024]);

        using var response = await web.PostAsync("/hubs/chat", content, timeout.Token);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
