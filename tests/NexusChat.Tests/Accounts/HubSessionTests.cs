using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class HubSessionTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAToken()
    {
        await using var connection = Connect(fixture, accessToken: null);

        await AssertRefusedWith401Async(connection);
    }

    [Fact]
    public async Task TheHubRefusesTheTokenOfASessionThatEnded()
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        using var logout = await api.PostAsync("/api/auth/logout", new { }, auth.AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, logout.StatusCode);
        await using var connection = Connect(fixture, auth.AccessToken);

        await AssertRefusedWith401Async(connection);
    }

    [Fact]
    public async Task ARevokedSessionsHubConnectionIsToldAndClosed()
    {
        using var api = new ApiClient(fixture, "api-1");
        var auth = await api.RegisterAsync();
        await using var connection = Connect(fixture, auth.AccessToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On("SessionRevoked", () => told.TrySetResult());
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync(Timeout());

        using var logout = await api.PostAsync("/api/auth/logout", new { }, auth.AccessToken);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        Assert.True(told.Task.IsCompleted, "the client was not told why its connection closed");
    }

    /// <summary>A hub connection through the gateway, WebSockets only, as browsers behind a non-sticky proxy use it.</summary>
    public static HubConnection Connect(HostModeAppFixture fixture, string? accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.WebAddress, "/hubs/chat"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();

    /// <summary>
    /// The WebSocket upgrade itself is answered 401 (the client reports the status it got instead of 101), so the
    /// refusal is the authentication's and not, say, a timeout or a dead gateway.
    /// </summary>
    private static async Task AssertRefusedWith401Async(HubConnection connection)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(Timeout()));

        Assert.Contains("'401'", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
