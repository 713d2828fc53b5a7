using System.Net.Http.Json;
using NexusChat.Contracts.Status;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class BalancingTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] ApiReplicas = ["api-1", "api-2", "api-3"];

    [Fact]
    public async Task SequentialRequestsThroughTheGatewaySpreadOverEveryApiReplica()
    {
        using var web = fixture.CreateWebClient();
        using var management = fixture.CreateManagementClient();
        // An earlier test may have just restarted a replica; all three have to be in rotation for this one.
        await ClusterHealth.WaitForAsync(management, "api", "Healthy", TimeSpan.FromSeconds(15));

        // One at a time, so no replica ever has a request in flight when the next is placed: every pick is a tie.
        var answeredBy = new List<string>();
        for (var i = 0; i < 3 * ApiReplicas.Length; i++)
        {
            answeredBy.Add((await web.GetFromJsonAsync<ServiceStatus>("/api/status"))!.Instance);
        }

        var counts = answeredBy.CountBy(instance => instance).ToDictionary();
        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(ApiReplicas, counts.Keys.Order(StringComparer.Ordinal));
        // Taken in turn, each replica answers a third; a little slack for a request of another test still in flight.
        Assert.All(counts, count => Assert.InRange(count.Value, 2, 4));
    }
}
