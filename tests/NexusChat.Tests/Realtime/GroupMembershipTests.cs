using System.Net;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// Conversation groups follow membership on every replica: a connection that was open before its user was added
/// receives the next message, and one whose user was removed stops receiving.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class GroupMembershipTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AnOpenConnectionJoinsTheGroupWhenItsUserIsAddedAndLeavesItWhenRemoved()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        // Connected on two replicas before being a member; the membership change is handled on whichever replica.
        await using var newcomer = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-2", timeout.Token);
        await using var newcomerPhone = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        await using var member = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        // Members beside the newcomer's connections: one replica delivers a group's messages in order, so once they have
        // a message, the newcomer's connection on that replica would have had it too.
        await using var besideNewcomer = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var besidePhone = await HubListener.ConnectAsync(fixture, world.Admin, "realtime-3", timeout.Token);

        await world.SendAsync(channel.Id, world.Owner, "before joining");
        await member.WaitForAsync(l => l.Received(channel.Id).Count == 1, timeout.Token);
        using (var api = world.Api())
        {
            using var added = await api.PostAsync($"/api/conversations/{channel.Id}/members", new AddMemberRequest(world.Outsider.User.Id), world.Owner.AccessToken);
            Assert.True(added.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"add: {(int)added.StatusCode}");
        }

        // ConversationUpdated is pushed after the groups changed: once it arrives, the next message must follow.
        await newcomer.WaitForAsync(l => l.ConversationUpdates(channel.Id).Count > 0, timeout.Token);
        await newcomerPhone.WaitForAsync(l => l.ConversationUpdates(channel.Id).Count > 0, timeout.Token);
        await world.SendAsync(channel.Id, world.Owner, "after joining");
        await newcomer.WaitForAsync(l => l.Received(channel.Id).Count == 1, timeout.Token);
        await newcomerPhone.WaitForAsync(l => l.Received(channel.Id).Count == 1, timeout.Token);
        Assert.Equal([2L], newcomer.Received(channel.Id).Select(m => m.Seq));

        using (var api = world.Api())
        {
            using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{channel.Id}/members/{world.Outsider.User.Id}", null, world.Owner.AccessToken);
            Assert.True(removed.IsSuccessStatusCode, $"remove: {(int)removed.StatusCode}");
        }

        await newcomer.WaitForAsync(l => l.ConversationUpdates(channel.Id).Any(c => c.MyRole is null), timeout.Token);
        await world.SendAsync(channel.Id, world.Owner, "after leaving");
        await member.WaitForAsync(l => l.Received(channel.Id).Count == 3, timeout.Token);
        await besideNewcomer.WaitForAsync(l => l.Received(channel.Id).Count == 3, timeout.Token);
        await besidePhone.WaitForAsync(l => l.Received(channel.Id).Count == 3, timeout.Token);
        Assert.Equal([2L], newcomer.Received(channel.Id).Select(m => m.Seq));
        Assert.Equal([2L], newcomerPhone.Received(channel.Id).Select(m => m.Seq));
    }
}
