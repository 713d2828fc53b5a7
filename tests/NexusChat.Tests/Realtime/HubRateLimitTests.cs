using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>The per-connection hub limit (120 calls a minute by default): kept in the replica's memory, refused with a typed error.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HubRateLimitTests(HostModeAppFixture fixture)
{
    private const int Limit = 120;

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
}
