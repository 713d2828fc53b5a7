using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Conversations;

/// <summary>Threads over REST: replies take seqs and count on their root; a thread pages in seq order for members only; bad roots are 400s.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class ThreadsApiTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task RepliesCountOnTheRootAndAThreadPagesInSeqOrderBothWays()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var root = await world.SendAsync(channel.Id, world.Owner, "root");
        var replies = new List<MessageDto>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await ReplyAsync(world, channel.Id, root.Id, i % 2 == 0 ? world.Member : world.Member2, $"reply {i}", alsoToChannel: i == 4));
        }

        var latest = await ThreadAsync(world, channel.Id, root.Id, "limit=2");
        var earlier = await ThreadAsync(world, channel.Id, root.Id, $"limit=2&before={latest.Next}");
        var caughtUp = await ThreadAsync(world, channel.Id, root.Id, $"limit=10&after={replies[1].Seq}");

        Assert.Equal([replies[3].Id, replies[4].Id], latest.Replies.Select(r => r.Id));
        Assert.Equal(replies[3].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.Next);
        Assert.Equal([replies[1].Id, replies[2].Id], earlier.Replies.Select(r => r.Id));
        Assert.Equal([replies[2].Id, replies[3].Id, replies[4].Id], caughtUp.Replies.Select(r => r.Id));
        Assert.Null(caughtUp.Next);
        Assert.All(replies, r => Assert.Equal(root.Id, r.ThreadId));
        Assert.True(replies[4].AlsoToChannel);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => root.Seq + 1 + i), replies.Select(r => r.Seq));
        var thread = latest.Root.Thread!;
        Assert.Equal(5, thread.ReplyCount);
        Assert.Equal(replies[4].CreatedAt, thread.LastReplyAt);
        Assert.Equal([world.Member.User.Id, world.Member2.User.Id], thread.ParticipantIds);
    }

    [Fact]
    public async Task ARootThatIsMissingAReplyOrDeletedIsAValidationProblemAndAThreadIsForMembersOnly()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("public");
        var other = await world.ChannelAsync("private");
        var root = await world.SendAsync(channel.Id, world.Owner, "root");
        var deleted = await world.SendAsync(channel.Id, world.Member, "going");
        var elsewhere = await world.SendAsync(other.Id, world.Owner, "elsewhere");
        var reply = await ReplyAsync(world, channel.Id, root.Id, world.Member, "reply");
        using var api = world.Api();
        using var deleting = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{channel.Id}/messages/{deleted.Id}", null, world.Member.AccessToken);
        Assert.Equal(HttpStatusCode.OK, deleting.StatusCode);

        foreach (var (badRoot, why) in new[] { ("no-such-message", "missing"), (reply.Id, "a reply"), (deleted.Id, "deleted"), (elsewhere.Id, "elsewhere") })
        {
            using var refused = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
                new SendMessageRequest("x", Guid.NewGuid().ToString("N"), null, ThreadId: badRoot), world.Member.AccessToken);
            var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("threadId", out _), why);
        }

        using var ofAReply = await api.GetAsync($"/api/conversations/{channel.Id}/messages/{reply.Id}/thread", world.Member.AccessToken);
        using var unknown = await api.GetAsync($"/api/conversations/{channel.Id}/messages/nope/thread", world.Member.AccessToken);
        using var previewer = await api.GetAsync($"/api/conversations/{channel.Id}/messages/{root.Id}/thread", world.Outsider.AccessToken);
        using var otherChannel = await api.GetAsync($"/api/conversations/{other.Id}/messages/{elsewhere.Id}/thread", world.Outsider.AccessToken);
        using var badLimit = await api.GetAsync($"/api/conversations/{channel.Id}/messages/{root.Id}/thread?limit=0", world.Member.AccessToken);
        using var twoCursors = await api.GetAsync($"/api/conversations/{channel.Id}/messages/{root.Id}/thread?before=5&after=1", world.Member.AccessToken);
        await AssertProblemAsync(ofAReply, HttpStatusCode.NotFound);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await AssertProblemAsync(previewer, HttpStatusCode.Forbidden);
        await AssertProblemAsync(otherChannel, HttpStatusCode.NotFound);
        await AssertProblemAsync(badLimit, HttpStatusCode.BadRequest);
        await AssertProblemAsync(twoCursors, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ThreadOnlyRepliesDoNotRaiseTheChannelsUnreadCount()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var root = await world.SendAsync(channel.Id, world.Owner, "root");
        using var api = world.Api();
        using var read = await api.PostAsync($"/api/conversations/{channel.Id}/read", new MarkReadRequest(root.Seq), world.Member2.AccessToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        await ReplyAsync(world, channel.Id, root.Id, world.Member, "quiet");
        await ReplyAsync(world, channel.Id, root.Id, world.Member, "loud", alsoToChannel: true);

        using var list = await api.GetAsync("/api/conversations", world.Member2.AccessToken);
        var mine = (await list.Content.ReadFromJsonAsync<Contracts.Accounts.Page<ConversationDto>>())!.Items.Single(c => c.Id == channel.Id);
        Assert.Equal(1, mine.UnreadCount);
    }

    private static async Task<MessageDto> ReplyAsync(
        ConversationWorld world, string conversationId, string rootId, Contracts.Accounts.AuthResponse sender, string text, bool alsoToChannel = false)
    {
        using var api = world.Api();
        using var response = await api.PostAsync($"/api/conversations/{conversationId}/messages",
            new SendMessageRequest(text, Guid.NewGuid().ToString("N"), null, ThreadId: rootId, AlsoToChannel: alsoToChannel), sender.AccessToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"reply: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    private static async Task<ThreadPageDto> ThreadAsync(ConversationWorld world, string conversationId, string rootId, string query)
    {
        using var api = world.Api();
        using var response = await api.GetAsync($"/api/conversations/{conversationId}/messages/{rootId}/thread?{query}", world.Member.AccessToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"thread: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ThreadPageDto>())!;
    }
}
