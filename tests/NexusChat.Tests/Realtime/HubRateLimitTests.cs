using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// The hub limits, kept in the replica's memory and refused with a typed error: 120 calls a minute per connection, and
/// 300 per user over all of the user's connections (more connections do not buy one account more calls).
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HubRateLimitTests(HostModeAppFixture fixture)
{
    private const int Limit = 120;
    private const int PerUser = 300;

    [Fact]
    public async Task ACallOverTheConnectionsLimitIsRefusedWithItsWaitWhileAnotherConnectionOfTheUserGoesOn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        await using var busy = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var other = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);

        // Connecting made one call already.
        for (var call = 1; call < Limit; call++)
        {
            await busy.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), timeout.Token);
        }

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            busy.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), timeout.Token));
        var error = HubError.Parse(refused.Message);

        Assert.Equal(HubErrorCodes.RateLimited, error?.Code);
        Assert.InRange(error!.RetryAfterSeconds!.Value, 1, 60);
        Assert.Empty(await other.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), timeout.Token));
    }

    [Fact]
    public async Task AUsersCallsOverAllItsConnectionsAreCappedWhileAnotherUserGoesOn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var connections = new List<HubListener>();
        try
        {
            // Each connection stays under its own limit of 120; together they reach the user's 300 (connecting made one call each).
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token));
            }

            foreach (var listener in connections)
            {
                for (var call = 1; call < PerUser / 3; call++)
                {
                    await CallAsync(listener, timeout.Token);
                }
            }

            var refused = await Assert.ThrowsAsync<HubException>(() => CallAsync(connections[2], timeout.Token));
            await using var other = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-1", timeout.Token);

            var error = HubError.Parse(refused.Message);
            Assert.Equal(HubErrorCodes.RateLimited, error?.Code);
            Assert.InRange(error!.RetryAfterSeconds!.Value, 1, 60);
            Assert.Empty(await other.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), timeout.Token));
        }
        finally
        {
            foreach (var listener in connections)
            {
                await listener.DisposeAsync();
            }
        }
    }

    private static Task CallAsync(HubListener listener, CancellationToken cancellationToken) =>
        listener.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), cancellationToken);
}
