using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>Thread replies through the hub: the REST rules, a typed error for a bad root, and the root's new count pushed live.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HubThreadTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AThreadReplyReachesEveryMemberWithItsRootsNewCountAndABadRootIsATypedError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var root = await world.SendAsync(channel.Id, world.Owner, "root");
        await using var replier = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var reader = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);

        var reply = await replier.Connection.InvokeAsync<MessageDto>(
            "SendThreadReply", channel.Id, Guid.NewGuid().ToString("N"), "in the thread", root.Id, false, Array.Empty<string>(), timeout.Token);
        var toAReply = await ErrorOf(replier.Connection.InvokeAsync<MessageDto>(
            "SendThreadReply", channel.Id, Guid.NewGuid().ToString("N"), "nested", reply.Id, false, Array.Empty<string>(), timeout.Token));
        var toNothing = await ErrorOf(replier.Connection.InvokeAsync<MessageDto>(
            "SendThreadReply", channel.Id, Guid.NewGuid().ToString("N"), "lost", "no-such-message", true, null, timeout.Token));

        Assert.Equal(root.Id, reply.ThreadId);
        Assert.False(reply.AlsoToChannel);
        Assert.Equal((HubErrorCodes.Validation, "threadId"), (toAReply.Code, toAReply.Field));
        Assert.Equal((HubErrorCodes.Validation, "threadId"), (toNothing.Code, toNothing.Field));
        await reader.WaitForAsync(l => l.Received(channel.Id).Any(m => m.Id == reply.Id)
            && l.Updates(channel.Id).Any(m => m.Id == root.Id && m.Thread?.ReplyCount == 1), timeout.Token);
        var counted = reader.Updates(channel.Id).Last(m => m.Id == root.Id);
        Assert.Equal([world.Member.User.Id], counted.Thread!.ParticipantIds);
        Assert.Equal(reply.CreatedAt, counted.Thread.LastReplyAt);

        // A deleted reply takes itself off the count, live as well.
        var tombstone = await replier.Connection.InvokeAsync<MessageDto>("DeleteMessage", channel.Id, reply.Id, timeout.Token);
        await reader.WaitForAsync(l => l.Updates(channel.Id).Any(m => m.Id == root.Id && m.Version == tombstone.Version), timeout.Token);
        Assert.Equal(0, reader.Updates(channel.Id).Single(m => m.Id == root.Id && m.Version == tombstone.Version).Thread!.ReplyCount);
    }

    private static async Task<HubError> ErrorOf(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call);
        return HubError.Parse(exception.Message) ?? throw new Xunit.Sdk.XunitException($"not a typed hub error: {exception.Message}");
    }
}
