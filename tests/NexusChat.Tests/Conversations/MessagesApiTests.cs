using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Conversations;

[Collection(HostModeAppCollection.Name)]
public sealed class MessagesApiTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task SendingTheSameClientMessageIdTwiceStoresOneMessage()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        using var api = world.Api();
        var request = new SendMessageRequest("only once", "retry-me", null);

        using var first = await api.PostAsync($"/api/conversations/{channel.Id}/messages", request, world.Member.AccessToken);
        using var again = await api.PostAsync($"/api/conversations/{channel.Id}/messages", request, world.Member.AccessToken);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<MessageDto>())!;
        var b = (await again.Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equivalent(a, b, strict: true);
        Assert.Equal(1, a.Seq);
        Assert.Equal([], a.Attachments);
    }

    [Theory]
    [InlineData(4000, HttpStatusCode.Created)]
    [InlineData(4001, HttpStatusCode.BadRequest)]
    public async Task TextIsAtMostFourThousandCharacters(int length, HttpStatusCode expected)
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        using var api = world.Api();

        using var response = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest(new string('x', length), "long", null), world.Member.AccessToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("", "ok-id")]
    [InlineData("   ", "ok-id")]
    [InlineData("bell\u0007", "ok-id")]
    [InlineData("fine", "")]
    [InlineData("fine", "has space")]
    [InlineData("fine", null)]
    public async Task InvalidSendsAreValidationProblems(string text, string? clientMessageId)
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        using var api = world.Api();

        using var response = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest(text, clientMessageId, null), world.Member.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ARepliedToMessageMustBeInTheSameConversation()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var other = await world.ChannelAsync("private");
        var elsewhere = await world.SendAsync(other.Id, world.Member, "elsewhere");
        var here = await world.SendAsync(channel.Id, world.Member, "here");
        using var api = world.Api();

        using var good = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("reply", "r1", here.Id), world.Owner.AccessToken);
        using var bad = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("reply", "r2", elsewhere.Id), world.Owner.AccessToken);

        Assert.Equal(here.Id, (await good.Content.ReadFromJsonAsync<MessageDto>())!.ReplyToId);
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MentionsOfMembersAreStoredAsUserIdsAndCountedUntilRead()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");

        var message = await world.SendAsync(channel.Id, world.Owner,
            $"hey @{world.Member.User.Username} and @{world.Outsider.User.Username}, mail me at owner@example.org");
        await world.SendAsync(channel.Id, world.Owner, "second");
        await world.SendAsync(channel.Id, world.Member, "my own message is not unread for me");

        Assert.Equal([world.Member.User.Id], message.Mentions);
        var mine = await ListAsync(world, world.Member);
        var entry = Assert.Single(mine, c => c.Id == channel.Id);
        Assert.Equal(2, entry.UnreadCount);
        Assert.Equal(1, entry.MentionCount);
        Assert.Equal("my own message is not unread for me", entry.LastMessage?.Text);

        using var api = world.Api();
        using var read = await api.PostAsync($"/api/conversations/{channel.Id}/read", new MarkReadRequest(3), world.Member.AccessToken);
        using var back = await api.PostAsync($"/api/conversations/{channel.Id}/read", new MarkReadRequest(1), world.Member.AccessToken);

        Assert.Equal(3, (await read.Content.ReadFromJsonAsync<ReadStateDto>())!.LastReadSeq);
        Assert.Equal(3, (await back.Content.ReadFromJsonAsync<ReadStateDto>())!.LastReadSeq);
        var after = Assert.Single(await ListAsync(world, world.Member), c => c.Id == channel.Id);
        Assert.Equal(0, after.UnreadCount);
        Assert.Equal(0, after.MentionCount);
    }

    [Fact]
    public async Task EditsReactionsAndDeletesReachASyncingClientThroughTheChangeCursor()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var first = await world.SendAsync(channel.Id, world.Member, "first");
        var second = await world.SendAsync(channel.Id, world.Member, "second");
        var cursor = second.Version;
        using var api = world.Api();
        var at = $"/api/conversations/{channel.Id}/messages";

        using var edit = await api.SendAsync(HttpMethod.Patch, $"{at}/{first.Id}", JsonContent.Create(new EditMessageRequest("first, edited")), world.Member.AccessToken);
        using var react = await api.SendAsync(HttpMethod.Put, $"{at}/{second.Id}/reactions/{Uri.EscapeDataString("🎉")}", null, world.Owner.AccessToken);
        using var delete = await api.SendAsync(HttpMethod.Delete, $"{at}/{first.Id}", null, world.Member.AccessToken);
        var changes = (await (await api.GetAsync($"{at}?changedSince={cursor}", world.Owner.AccessToken)).Content.ReadFromJsonAsync<Page<MessageDto>>())!;

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal([second.Id, first.Id], changes.Items.Select(m => m.Id));
        var tombstone = changes.Items.Single(m => m.Id == first.Id);
        Assert.True(tombstone.Deleted);
        Assert.Null(tombstone.Text);
        Assert.Equal(first.Seq, tombstone.Seq);
        Assert.Equal([new ReactionDto("🎉", 1, true)], changes.Items.Single(m => m.Id == second.Id).Reactions);
        using var editTombstone = await api.SendAsync(HttpMethod.Patch, $"{at}/{first.Id}", JsonContent.Create(new EditMessageRequest("again")), world.Member.AccessToken);
        await AssertProblemAsync(editTombstone, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task HistoryPagesBackwardsAndSyncPagesForwards()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        for (var i = 1; i <= 7; i++)
        {
            await world.SendAsync(channel.Id, world.Member, $"m{i}");
        }

        using var api = world.Api();
        var at = $"/api/conversations/{channel.Id}/messages";
        var latest = await PageAsync(api, $"{at}?limit=3", world.Owner);
        var older = await PageAsync(api, $"{at}?limit=3&before={latest.Next}", world.Owner);
        var sync = await PageAsync(api, $"{at}?after=4&limit=10", world.Owner);

        Assert.Equal([7L, 6, 5], latest.Items.Select(m => m.Seq));
        Assert.Equal([4L, 3, 2], older.Items.Select(m => m.Seq));
        Assert.Equal([5L, 6, 7], sync.Items.Select(m => m.Seq));
        Assert.Null(sync.Next);
        using var both = await api.GetAsync($"{at}?after=1&before=5", world.Owner.AccessToken);
        await AssertProblemAsync(both, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SearchFindsOnlyMessagesInTheCallersConversations()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var word = $"zebra{Guid.NewGuid():N}"[..16];
        var mine = await world.SendAsync(channel.Id, world.Member, $"the {word} crossed");
        using var api = world.Api();

        var memberResults = await PageAsync(api, $"/api/search/messages?q={word}", world.Member);
        var outsiderResults = await PageAsync(api, $"/api/search/messages?q={word}", world.Outsider);

        Assert.Equal([mine.Id], memberResults.Items.Select(m => m.Id));
        Assert.Empty(outsiderResults.Items);
    }

    [Fact]
    public async Task ThereIsExactlyOneDirectConversationPerPair()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        using var api = world.Api();

        using var first = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("direct", null, null, null, [world.Outsider.User.Id]), world.Member.AccessToken);
        using var reverse = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("direct", null, null, null, [world.Member.User.Id]), world.Outsider.AccessToken);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reverse.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<ConversationDto>())!;
        var b = (await reverse.Content.ReadFromJsonAsync<ConversationDto>())!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal("direct", a.Type);
        using var stranger = await api.GetAsync($"/api/conversations/{a.Id}", world.Owner.AccessToken);
        await AssertProblemAsync(stranger, HttpStatusCode.NotFound);
    }

    private static async Task<IReadOnlyList<ConversationDto>> ListAsync(ConversationWorld world, AuthResponse user)
    {
        using var api = world.Api();
        return (await (await api.GetAsync("/api/conversations", user.AccessToken)).Content.ReadFromJsonAsync<Page<ConversationDto>>())!.Items;
    }

    private static async Task<Page<MessageDto>> PageAsync(ApiClient api, string path, AuthResponse user)
    {
        using var response = await api.GetAsync(path, user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page<MessageDto>>())!;
    }
}
