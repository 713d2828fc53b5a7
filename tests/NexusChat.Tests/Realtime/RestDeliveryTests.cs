using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>Messages sent through the REST api reach the hub connections of the conversation's members on every realtime replica.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class RestDeliveryTests(HostModeAppFixture fixture)
{
    private const int Messages = 20;

    [Fact]
    public async Task AMessageSentThroughRestReachesEveryMembersConnectionOnceOnAnyReplicaAndNoOutsider()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var listeners = new[]
        {
            await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token),
            await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token),
            await HubListener.ConnectAsync(fixture, world.Owner, "realtime-3", timeout.Token),
        };
        await using var outsider = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-1", timeout.Token);

        for (var i = 1; i <= Messages; i++)
        {
            await world.SendAsync(channel.Id, world.Admin, $"over REST {i}");
        }

        foreach (var listener in listeners)
        {
            await listener.WaitForAsync(l => l.Received(channel.Id).Count >= Messages, timeout.Token);
        }

        // Once the backstop's sentinel is in, a duplicate from either path would be too.
        var sentinel = await BackstopSentinel.SendAndAwaitAsync(fixture, channel.Id, world.Admin.User.Id, listeners, timeout.Token);
        foreach (var listener in listeners)
        {
            Assert.Equal(Enumerable.Range(1, (int)sentinel).Select(i => (long)i), listener.Received(channel.Id).Select(m => m.Seq).Order());
            await listener.DisposeAsync();
        }

        Assert.Empty(outsider.Received(channel.Id));
    }
}
