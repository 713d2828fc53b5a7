using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

[Collection(HostModeAppCollection.Name)]
public sealed class ChatHubTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AMessageSentOnOneReplicaReachesAMemberOnAnotherOnceAndARetryReturnsTheSameMessage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var sender = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var receiver = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);

        var sent = await sender.Connection.InvokeAsync<MessageDto>(
            "SendMessage", channel.Id, "hub-1", "hello over the hub", null, timeout.Token);
        var again = await sender.Connection.InvokeAsync<MessageDto>(
            "SendMessage", channel.Id, "hub-1", "hello over the hub", null, timeout.Token);
        var sentinel = await BackstopSentinel.SendAndAwaitAsync(fixture, channel.Id, world.Member2.User.Id, [receiver, sender], timeout.Token);

        Assert.Equal(1, sent.Seq);
        Assert.Equal(sent.Id, again.Id);
        Assert.Equal([1L, sentinel], receiver.Received(channel.Id).Select(m => m.Seq));
        // The sender's own connections (other devices) get it too, once.
        Assert.Equal([1L, sentinel], sender.Received(channel.Id).Select(m => m.Seq));
    }

    [Theory]
    [InlineData("", "ok-1", HubErrorCodes.Validation)]
    [InlineData("fine", "not ok", HubErrorCodes.Validation)]
    public async Task AnInvalidSendIsATypedError(string text, string clientMessageId, string code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var member = await HubListener.ConnectAsync(fixture, world.Member, "realtime-3", timeout.Token);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            member.Connection.InvokeAsync<MessageDto>("SendMessage", channel.Id, clientMessageId, text, null, timeout.Token));

        Assert.Contains($"HubException: {code}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivateConversationDoesNotExistForAnOutsiderOnTheHub()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var outsider = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-1", timeout.Token);

        var send = await Assert.ThrowsAsync<HubException>(() =>
            outsider.Connection.InvokeAsync<MessageDto>("SendMessage", channel.Id, "x1", "let me in", null, timeout.Token));
        var sync = await Assert.ThrowsAsync<HubException>(() =>
            outsider.Connection.InvokeAsync<SyncResult>("Sync", channel.Id, 0L, timeout.Token));

        Assert.Contains($"HubException: {HubErrorCodes.NotFound}:", send.Message, StringComparison.Ordinal);
        Assert.Contains($"HubException: {HubErrorCodes.NotFound}:", sync.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncReturnsWhatCameAfterASeqInOrder()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        for (var i = 1; i <= 5; i++)
        {
            await world.SendAsync(channel.Id, world.Owner, $"m{i}");
        }

        await using var member = await HubListener.ConnectAsync(fixture, world.Member, "realtime-2", timeout.Token);

        var sync = await member.Connection.InvokeAsync<SyncResult>("Sync", channel.Id, 2L, timeout.Token);

        Assert.Equal([3L, 4, 5], sync.Messages.Select(m => m.Seq));
        Assert.False(sync.HasMore);
    }

    [Fact]
    public async Task MarkingReadOnOneDeviceTellsTheUsersOtherDeviceOnAnotherReplica()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await world.SendAsync(channel.Id, world.Owner, "read me");
        await world.SendAsync(channel.Id, world.Owner, "and me");
        await using var phone = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var laptop = await HubListener.ConnectAsync(fixture, world.Member, "realtime-3", timeout.Token);

        var state = await phone.Connection.InvokeAsync<ReadStateDto>("MarkRead", channel.Id, 2L, timeout.Token);
        await laptop.WaitForAsync(l => l.ReadStates.Any(s => s.ConversationId == channel.Id), timeout.Token);

        Assert.Equal(2, state.LastReadSeq);
        Assert.Equal(new ReadStateDto(channel.Id, world.Member.User.Id, 2), laptop.ReadStates.Single(s => s.ConversationId == channel.Id));
    }

    [Fact]
    public async Task EditsReactionsAndDeletesReachEveryMemberAsTheySeeTheMessage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var message = await world.SendAsync(channel.Id, world.Member, "first draft");
        await using var author = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var reactor = await HubListener.ConnectAsync(fixture, world.Owner, "realtime-2", timeout.Token);
        using var api = world.Api();
        var at = $"/api/conversations/{channel.Id}/messages/{message.Id}";

        (await api.SendAsync(HttpMethod.Patch, at, System.Net.Http.Json.JsonContent.Create(new EditMessageRequest("final")), world.Member.AccessToken)).Dispose();
        (await api.SendAsync(HttpMethod.Put, $"{at}/reactions/{Uri.EscapeDataString("👍")}", null, world.Owner.AccessToken)).Dispose();
        (await api.SendAsync(HttpMethod.Delete, at, null, world.Member.AccessToken)).Dispose();
        await author.WaitForAsync(l => l.Updates(channel.Id).Count >= 3, timeout.Token);
        await reactor.WaitForAsync(l => l.Updates(channel.Id).Count >= 3, timeout.Token);

        var seenByAuthor = author.Updates(channel.Id).OrderBy(m => m.Version).ToList();
        var seenByReactor = reactor.Updates(channel.Id).OrderBy(m => m.Version).ToList();
        Assert.Equal("final", seenByAuthor[0].Text);
        Assert.Equal([new ReactionDto("👍", 1, false)], seenByAuthor[1].Reactions);
        Assert.Equal([new ReactionDto("👍", 1, true)], seenByReactor[1].Reactions);
        Assert.True(seenByAuthor[2].Deleted);
        Assert.Null(seenByReactor[2].Text);
    }

    [Fact]
    public async Task TypingReachesTheOtherMembersOnceForAFlurryOfKeystrokesAndNoOneElse()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var typist = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var reader = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        await using var outsider = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);

        for (var keystroke = 0; keystroke < 5; keystroke++)
        {
            await typist.Connection.InvokeAsync("Typing", channel.Id, timeout.Token);
        }

        // The sentinel: typing in a second conversation that reader and outsider share with the typist. Typing goes to
        // each user's own backplane channel in the order the typist's calls ran, so once it is in, nothing sent for the
        // flurry is still on its way.
        using var api = world.Api();
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", "sentinel", null, "private", [world.Member2.User.Id, world.Outsider.User.Id]), world.Member.AccessToken);
        var shared = (await created.Content.ReadFromJsonAsync<ConversationDto>(timeout.Token))!;
        await typist.Connection.InvokeAsync("Typing", shared.Id, timeout.Token);
        await reader.WaitForAsync(l => l.Typing.Any(t => t.ConversationId == shared.Id), timeout.Token);
        await outsider.WaitForAsync(l => l.Typing.Any(t => t.ConversationId == shared.Id), timeout.Token);

        var typing = Assert.Single(reader.Typing, t => t.ConversationId == channel.Id);
        Assert.Equal(new TypingDto(channel.Id, world.Member.User.Id, 5000), typing);
        Assert.Empty(typist.Typing);
        Assert.DoesNotContain(outsider.Typing, t => t.ConversationId == channel.Id);
    }

    [Fact]
    public async Task MembersLearnOfCreationRenamesAndRemovalsAsTheySeeThem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        await using var member = await HubListener.ConnectAsync(fixture, world.Member, "realtime-2", timeout.Token);
        using var api = world.Api();

        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", "launch", null, "private", [world.Member.User.Id]), world.Owner.AccessToken);
        var channel = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ConversationDto>(created.Content, timeout.Token))!;
        await member.WaitForAsync(l => l.ConversationUpdates(channel.Id).Count >= 1, timeout.Token);
        (await api.SendAsync(HttpMethod.Patch, $"/api/conversations/{channel.Id}",
            System.Net.Http.Json.JsonContent.Create(new UpdateConversationRequest("launch-day", null)), world.Owner.AccessToken)).Dispose();
        await member.WaitForAsync(l => l.ConversationUpdates(channel.Id).Any(c => c.Name == "launch-day"), timeout.Token);
        (await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{channel.Id}/members/{world.Member.User.Id}", null, world.Owner.AccessToken)).Dispose();
        await member.WaitForAsync(l => l.ConversationUpdates(channel.Id).Any(c => c.MyRole is null), timeout.Token);

        var first = member.ConversationUpdates(channel.Id)[0];
        Assert.Equal("member", first.MyRole);
        Assert.Null(first.Members); // a channel's members come a page at a time over REST, changes as MembersChanged
        var last = member.ConversationUpdates(channel.Id).Last(c => c.MyRole is null);
        Assert.Null(last.Members);
    }
}
