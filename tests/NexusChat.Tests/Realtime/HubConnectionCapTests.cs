using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
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

    /// <summary>Connects and makes one call; a refused connection is closed by the server with the error instead.</summary>
    private async Task<(HubConnection Connection, HubError? Refusal)> ConnectAsync(
        AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.GetEndpoint(replica, "http"), "/hubs/chat"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
            })
            .Build();
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
