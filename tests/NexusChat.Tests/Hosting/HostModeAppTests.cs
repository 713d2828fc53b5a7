using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.Contracts.Hosting;
using NexusChat.Contracts.Status;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Web;

namespace NexusChat.Tests.Hosting;

[Collection(HostModeAppCollection.Name)]
public sealed class HostModeAppTests(HostModeAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void EveryResourceIsHealthy()
    {
        string[] expected =
        [
            ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Turn,
            "api-1", "api-2", "api-3", "realtime-1", "realtime-2", "realtime-3", .. WorkerReplicas.Names, ResourceNames.Web,
        ];
        foreach (var name in expected)
        {
            Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(name, out var state), $"{name} is not declared");
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task StatusThroughTheGatewayListsEveryDependencyHealthyWithItsMode()
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(Timeout);

        var status = await web.GetFromJsonAsync<ServiceStatus>("/api/status", timeout.Token);

        Assert.NotNull(status);
        Assert.StartsWith("api-", status.Instance, StringComparison.Ordinal);
        Assert.Equal("healthy", status.Status);
        Assert.Equal(
            [("messaging", "host"), ("redis", "host"), ("store", "embedded"), ("turn", "host")],
            status.Dependencies.Select(d => (d.Name, d.Mode)));
        Assert.All(status.Dependencies, d =>
        {
            Assert.Equal("healthy", d.Status);
            Assert.InRange(d.LatencyMs, 0, 3_000);
        });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a/client/side/route")]
    public async Task TheGatewayServesTheWebAssemblyClient(string path)
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(Timeout);

        var page = await web.GetStringAsync(path, timeout.Token);
        using var script = await web.GetAsync("/_framework/blazor.webassembly.js", timeout.Token);

        // The page says something while the runtime downloads, and the runtime's loader is there.
        Assert.Contains("Loading", page, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.webassembly.js", page, StringComparison.Ordinal);
        Assert.True(script.IsSuccessStatusCode, $"blazor.webassembly.js: {(int)script.StatusCode}");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheGatewaySpreadsRequestsOverTheApiReplicas()
    {
        using var web = fixture.CreateWebClient();
        using var timeout = new CancellationTokenSource(Timeout);

        // Concurrent requests: least-requests balancing sends them to different replicas.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(_ => web.GetFromJsonAsync<ServiceStatus>("/api/status", timeout.Token)));

        Assert.True(answers.Select(a => a!.Instance).Distinct().Count() >= 2,
            "every request was answered by the same replica");
    }

    [Fact]
    public async Task TheChatHubAcceptsAWebSocketThroughTheGateway()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        await using var connection = HubSessionTests.Connect(fixture, auth.AccessToken);

        await connection.StartAsync(timeout.Token);

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task StatusKeepsAnsweringFromTheOtherReplicasWhenAnApiReplicaIsKilled()
    {
        const string victim = "api-1";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        ResourceProcesses.Kill(fixture.App, victim);
        try
        {
            // The gateway probes each replica every second: wait until its health report has the dead one out of rotation.
            using var web = fixture.CreateWebClient();
            using var management = fixture.CreateManagementClient();
            var health = await ClusterHealth.WaitForAsync(management, "api", "Degraded", TimeSpan.FromSeconds(30));
            Assert.Contains($"out of rotation: {victim}", health.Description, StringComparison.Ordinal);
            var instances = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await web.GetAsync("/api/status", timeout.Token);
                Assert.True(response.IsSuccessStatusCode, $"request {i} failed with {(int)response.StatusCode}");
                instances.Add((await response.Content.ReadFromJsonAsync<ServiceStatus>(timeout.Token))!.Instance);
            }

            Assert.DoesNotContain(victim, instances);
        }
        finally
        {
            await ResourceProcesses.RestartAsync(fixture, victim, "api");
        }
    }
}
