using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class GatewayHealthTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    // An earlier test in the collection may have just restarted a replica; the gateway sees it at its next probe.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("api")]
    [InlineData("realtime")]
    public async Task GatewayHealthReportsEveryReplicaOfTheClusterHealthy(string cluster)
    {
        using var web = fixture.CreateManagementClient();

        var health = await ClusterHealth.WaitForAsync(web, cluster, "Healthy", Settle);

        Assert.StartsWith("3/3 destinations healthy", health.Description, StringComparison.Ordinal);
        Assert.All([1, 2, 3], i => Assert.Contains($"{cluster}-{i}", health.Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKilledApiReplicaLeavesTheRotationWithinTwoSecondsAndReturnsOnceItIsHealthy()
    {
        const string victim = "api-3";
        using var web = fixture.CreateManagementClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ClusterHealth.WaitForAsync(web, "api", "Healthy", Settle);

        var sinceKill = Stopwatch.StartNew();
        ResourceProcesses.Kill(fixture.App, victim);
        try
        {
            // Two seconds is the promise (one probe interval plus one probe timeout); the half second on top is this
            // test's own polling on a loaded two-core machine, not the gateway.
            var health = await ClusterHealth.WaitForAsync(web, "api", "Degraded", TimeSpan.FromSeconds(2.5));
            var ejectedAfter = sinceKill.Elapsed;
            output.WriteLine($"{victim} out of rotation {ejectedAfter.TotalSeconds:0.00} s after the kill");

            Assert.StartsWith("2/3 destinations healthy", health.Description, StringComparison.Ordinal);
            Assert.Contains($"out of rotation: {victim}", health.Description, StringComparison.Ordinal);
            Assert.True(ejectedAfter < TimeSpan.FromSeconds(2.5), $"ejected after {ejectedAfter.TotalSeconds:0.00} s");
        }
        finally
        {
            // Later tests in this collection expect the full topology.
            await fixture.App.ResourceCommands.ExecuteCommandAsync(victim, KnownResourceCommands.StartCommand, timeout.Token);
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(victim, timeout.Token);
        }

        // Healthy for Aspire means the replica's /health answered; the gateway's next /alive probe, at most a second
        // later, puts it back.
        var sinceHealthy = Stopwatch.StartNew();
        await ClusterHealth.WaitForAsync(web, "api", "Healthy", TimeSpan.FromSeconds(3));
        output.WriteLine($"{victim} back in rotation {sinceHealthy.Elapsed.TotalSeconds:0.00} s after Aspire saw it healthy");
    }
}
