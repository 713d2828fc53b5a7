using System.Diagnostics;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using NexusChat.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Hosting;
using NexusChat.Identity;
using NexusChat.Identity.Sessions;
using NexusChat.Identity.Tokens;
using NexusChat.Tests.Hosting;
using StackExchange.Redis;

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

    [Fact]
    public async Task AConnectionIsClosedWhenItsAccessTokenExpires()
    {
        using var api = new ApiClient(fixture, "api-1");
        var auth = await api.RegisterAsync();
        var lifetime = TimeSpan.FromSeconds(4);
        var (token, _) = ShortLivedIssuer(lifetime).Issue(auth.User.Id, auth.User.Username, SessionOf(auth));
        var issued = Stopwatch.GetTimestamp();
        await using var connection = Connect(fixture, token);
        var closed = ClosedSignal(connection);
        var told = false;
        connection.On("SessionRevoked", () => told = true);
        await connection.StartAsync(Timeout());

        await closed.WaitAsync(TimeSpan.FromSeconds(30));

        // Closed by the expiry (checked once a second), not by anything earlier; the session itself lives on.
        Assert.True(Stopwatch.GetElapsedTime(issued) >= lifetime - TimeSpan.FromSeconds(1), $"closed after {Stopwatch.GetElapsedTime(issued)}");
        Assert.False(told, "an expired token is no revoked session: the client should renew, not sign out");
    }

    [Fact]
    public async Task TheClientRenewsAnExpiringConnectionByReconnectingWithAFreshToken()
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        var issuer = ShortLivedIssuer(TimeSpan.FromSeconds(3));
        var tokensHandedOut = 0;
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new ChatConnection(new ChatConnectionOptions
        {
            HubUrl = new Uri(fixture.WebAddress, "/hubs/chat"),
            AccessTokenProvider = () =>
            {
                Interlocked.Increment(ref tokensHandedOut);
                return Task.FromResult<string?>(issuer.Issue(auth.User.Id, auth.User.Username, SessionOf(auth)).Token);
            },
        });
        var revoked = false;
        client.SessionRevoked += () => revoked = true;
        client.StateChanged += state =>
        {
            if (state == ChatConnectionState.Connected && Volatile.Read(ref tokensHandedOut) >= 2)
            {
                renewed.TrySetResult();
            }
        };

        await client.StartAsync(Timeout());
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(revoked, "the client took its expired connection for a revoked session");
    }

    [Fact]
    public async Task ARevocationWhosePushWasMissedStillClosesTheConnection()
    {
        using var api = new ApiClient(fixture, "api-3");
        var auth = await api.RegisterAsync();
        await using var connection = Connect(fixture, auth.AccessToken);
        var closed = ClosedSignal(connection);
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On("SessionRevoked", () => told.TrySetResult());
        await connection.StartAsync(Timeout());
        // A call is served only after OnConnectedAsync finished, so its own look at the session is behind us.
        await connection.InvokeAsync<object>("GetPresence", Array.Empty<string>(), Timeout());

        // What a revocation published while the replicas' subscription was down leaves behind: the session is
        // gone from Redis and no replica heard about it.
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync(ResourceNames.Redis))!);
        Assert.True(await redis.GetDatabase().KeyDeleteAsync(SessionStore.SessionKey(SessionOf(auth))));

        await closed.WaitAsync(AppHostArguments.SessionRecheckInterval + TimeSpan.FromSeconds(10));
        Assert.True(told.Task.IsCompleted, "the client was not told why its connection closed");
    }

    private static AccessTokenIssuer ShortLivedIssuer(TimeSpan lifetime) =>
        new(Options.Create(new AuthOptions { SigningKey = AppHostArguments.SigningKey, AccessTokenLifetime = lifetime }), TimeProvider.System);

    private static string SessionOf(AuthResponse auth) => auth.RefreshToken.Split('.')[0];

    private static Task ClosedSignal(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
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
