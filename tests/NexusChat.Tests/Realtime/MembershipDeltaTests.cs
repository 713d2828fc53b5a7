using System.Net;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// What a membership change costs and who it reaches: one small push to the conversation (it was the whole member
/// list to every member, N pushes of N members per join), and nothing sent after a removal reaches the removed.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class MembershipDeltaTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AJoinReachesEachMemberAsOneChangeNamingOnlyTheNewcomerAndTheNewcomerAsTheirConversation()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("public");
        await using var owner = await HubListener.ConnectAsync(fixture, world.Owner, "realtime-1", timeout.Token);
        await using var member = await HubListener.ConnectAsync(fixture, world.Member, "realtime-2", timeout.Token);
        await using var member2 = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        await using var newcomer = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-2", timeout.Token);
        HubListener[] members = [owner, member, member2];

        await JoinAsync(world, channel.Id, world.Outsider);
        await WaitForChangeAsync(members, channel.Id, world.Outsider, timeout.Token);
        // The sentinel: a later join; once every member has it, a second push about the first join would have come.
        await JoinAsync(world, channel.Id, world.Stranger);
        await WaitForChangeAsync(members, channel.Id, world.Stranger, timeout.Token);

        await newcomer.WaitForAsync(l => l.ConversationUpdates(channel.Id).Count > 0, timeout.Token);
        foreach (var listener in members)
        {
            var change = Assert.Single(listener.MemberChanges(channel.Id), c => c.Members.Any(m => m.UserId == world.Outsider.User.Id));
            Assert.Equal(world.Outsider.User.Id, Assert.Single(change.Members).UserId);
            Assert.Empty(change.Removed);
            Assert.Equal(5, change.MemberCount);
            // Members may still get the channel's creation; no push carries the member list any more.
            Assert.All(listener.ConversationUpdates(channel.Id), c => Assert.Null(c.Members));
        }

        var mine = Assert.Single(newcomer.ConversationUpdates(channel.Id));
        Assert.Equal("member", mine.MyRole);
        Assert.Null(mine.Members);
    }

    [Fact]
    public async Task ARemovedMemberGetsNoMessageSentAfterTheRemovalWasAnswered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        // Same replica: one replica delivers a group's messages in order, so once the member has the sentinel, the
        // removed member would have had the message before it.
        await using var removed = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        await using var member = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);

        for (var round = 0; round < 3; round++)
        {
            await AddAsync(world, channel.Id, world.Outsider);
            var probe = await world.SendAsync(channel.Id, world.Owner, $"probe {round}");
            await removed.WaitForAsync(l => l.Received(channel.Id).Any(m => m.Id == probe.Id), timeout.Token);

            await RemoveAsync(world, channel.Id, world.Outsider);
            var after = await world.SendAsync(channel.Id, world.Owner, $"after removal {round}");
            var sentinel = await world.SendAsync(channel.Id, world.Owner, $"sentinel {round}");
            await member.WaitForAsync(l => l.Received(channel.Id).Any(m => m.Id == sentinel.Id), timeout.Token);

            Assert.DoesNotContain(removed.Received(channel.Id), m => m.Id == after.Id || m.Id == sentinel.Id);
        }
    }

    private static async Task WaitForChangeAsync(
        IEnumerable<HubListener> listeners, string conversationId, AuthResponse about, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await listener.WaitForAsync(l => l.MemberChanges(conversationId).Any(c => c.Members.Any(m => m.UserId == about.User.Id)), cancellationToken);
        }
    }

    private static async Task JoinAsync(ConversationWorld world, string conversationId, AuthResponse user) =>
        await AddAsync(world, conversationId, user, user);

    private static async Task AddAsync(ConversationWorld world, string conversationId, AuthResponse user, AuthResponse? by = null)
    {
        using var api = world.Api();
        using var added = await api.PostAsync($"/api/conversations/{conversationId}/members", new AddMemberRequest(user.User.Id), (by ?? world.Owner).AccessToken);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    private static async Task RemoveAsync(ConversationWorld world, string conversationId, AuthResponse user)
    {
        using var api = world.Api();
        using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{conversationId}/members/{user.User.Id}", null, world.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }
}
