using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// One user may hold 20 hub connections over all replicas (ConnectionLimits:PerUser); more are closed at once with a
/// typed error, and a refused or closed connection gives its slot back.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HubConnectionCapTests(HostModeAppFixture fixture)
{
    private const int PerUser = 20;
    private static readonly string[] Replicas = ["realtime-1", "realtime-2", "realtime-3"];

    [Fact]
    public async Task ConnectionsBeyondTheUsersCapAreClosedWithATypedErrorAndLeaveNoSlotTaken()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < PerUser; i++)
            {
                var (connection, refusal) = await ConnectAsync(world.Member, Replicas[i % 3], timeout.Token);
                Assert.Null(refusal);
                open.Add(connection);
            }

            var refusals = new List<HubError?>();
            for (var i = 0; i < 3; i++)
            {
                var (refused, error) = await ConnectAsync(world.Member, Replicas[i % 3], timeout.Token);
                await refused.DisposeAsync();
                refusals.Add(error);
            }

            // Another user is not affected by this one's connections.
            var (other, otherRefusal) = await ConnectAsync(world.Member2, "realtime-1", timeout.Token);
            await other.DisposeAsync();
            // Closing one frees exactly one slot: the refused attempts took none.
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var (again, againRefusal) = await ConnectAsync(world.Member, "realtime-2", timeout.Token);
            open.Add(again);
            var (beyond, beyondRefusal) = await ConnectAsync(world.Member, "realtime-3", timeout.Token);
            await beyond.DisposeAsync();

            Assert.All(refusals, e => Assert.Equal(HubErrorCodes.RateLimited, e?.Code));
            Assert.Null(otherRefusal);
            Assert.Null(againRefusal);
            Assert.Equal(HubErrorCodes.RateLimited, beyondRefusal?.Code);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ConnectionsDroppedWhileBeingSetUpGiveTheirSlotsBack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        // A client that goes away during the server's connect work makes that work fail (its token is cancelled), and
        // SignalR then skips OnDisconnectedAsync: whatever the connect had registered must be undone there and then.
        for (var i = 0; i < PerUser + 5; i++)
        {
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            var address = new UriBuilder(new Uri(fixture.App.GetEndpoint(Replicas[i % 3], "http"), "/hubs/chat")) { Scheme = "ws" }.Uri;
            await socket.ConnectAsync(new Uri($"{address}?access_token={world.Member.AccessToken}"), timeout.Token);
            await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, timeout.Token);
            socket.Abort();
        }

        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < PerUser; i++)
            {
                open.Add(await ConnectWhenASlotIsFreeAsync(world.Member, Replicas[i % 3], timeout.Token));
            }
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // The server notices a dropped socket a moment later: a slot it still holds is released within a few seconds,
    // while a leaked one is renewed for ever.
    private async Task<HubConnection> ConnectWhenASlotIsFreeAsync(AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (connection, refusal) = await ConnectAsync(user, replica, cancellationToken);
            if (refusal is null)
            {
                return connection;
            }

            await connection.DisposeAsync();
            Assert.True(DateTime.UtcNow < deadline, $"a slot stayed taken: {refusal}");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Connects and makes one call; a refused connection is closed by the server with the error instead.</summary>
    private async Task<(HubConnection Connection, HubError? Refusal)> ConnectAsync(
        AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var connection = HubListener.Build(fixture, user, replica);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync(cancellationToken);
        var call = connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), cancellationToken);
        if (await Task.WhenAny(call, closed.Task) == call && call.IsCompletedSuccessfully)
        {
            return (connection, null);
        }

        var error = await closed.Task.WaitAsync(cancellationToken);
        return (connection, HubError.Parse(error?.Message));
    }
}
