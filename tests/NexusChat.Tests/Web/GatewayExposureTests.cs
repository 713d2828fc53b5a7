using System.Net;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Web;

/// <summary>What the gateway shows the internet: a liveness answer, but not its replicas' addresses nor its metrics.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class GatewayExposureTests(HostModeAppFixture fixture)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/metrics")]
    public async Task TheDetailedHealthAndTheMetricsAreNotServedOnThePublicPort(string path)
    {
        using var web = fixture.CreateWebClient();

        using var response = await web.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/metrics")]
    public async Task NamingTheManagementPortInTheHostHeaderDoesNotReachThem(string path)
    {
        using var web = fixture.CreateWebClient();
        using var management = fixture.CreateManagementClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = management.BaseAddress!.Authority;

        using var response = await web.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheLivenessAnswerStaysPublic()
    {
        using var web = fixture.CreateWebClient();

        using var response = await web.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheManagementEndpointServesTheDetailedHealthAndTheMetrics()
    {
        using var management = fixture.CreateManagementClient();

        var health = await management.GetStringAsync("/health");
        var metrics = await management.GetStringAsync("/metrics");

        Assert.Contains("\"api\":", health, StringComparison.Ordinal);
        Assert.Contains("\"realtime\":", health, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", metrics, StringComparison.Ordinal);
    }
}
