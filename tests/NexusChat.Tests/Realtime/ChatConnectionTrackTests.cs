using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>The .NET client catches a conversation up when the app starts tracking it on a live connection.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class ChatConnectionTrackTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task MessagesSentBetweenTheAppsLoadAndTrackingArriveWithoutWaitingForALaterOne()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        // What the app loaded over REST: the channel at seq 0. Two messages follow before its connection is up, so no
        // push carries them and the connect's resync has nothing tracked yet.
        var channel = await world.ChannelAsync("private");
        await world.SendAsync(channel.Id, world.Owner, "one");
        await world.SendAsync(channel.Id, world.Owner, "two");
        await using var client = await RecordingChatClient.ToReplicaAsync(fixture, world.Member, "realtime-1", timeout.Token);

        client.Connection.Track(channel.Id, channel.LastSeq, channel.Version);

        await Eventually.TrueAsync(() => client.ReceivedSeqs(channel.Id).Count == 2, TimeSpan.FromSeconds(10),
            "the messages sent before tracking are delivered");
        Assert.Equal([1L, 2L], client.ReceivedSeqs(channel.Id));
    }
}
