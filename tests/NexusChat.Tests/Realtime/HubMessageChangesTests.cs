using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>Edits, deletes and reactions through the hub: the REST rules (one command service), typed errors, one push each.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HubMessageChangesTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task EditsReactionsAndDeletesThroughTheHubFollowTheRestRulesAndReachEveryMemberOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var message = await world.SendAsync(channel.Id, world.Member, "first draft");
        await using var author = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var reactor = await HubListener.ConnectAsync(fixture, world.Owner, "realtime-2", timeout.Token);
        await using var reader = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        await using var outsider = await HubListener.ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);

        var notTheAuthor = await ErrorOf(reactor.Connection.InvokeAsync<MessageDto>("EditMessage", channel.Id, message.Id, "mine now", timeout.Token));
        var notAMember = await ErrorOf(outsider.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, "👍", timeout.Token));
        var notAnEmoji = await ErrorOf(reactor.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, "plus one", timeout.Token));
        var edited = await author.Connection.InvokeAsync<MessageDto>("EditMessage", channel.Id, message.Id, "final", timeout.Token);
        var reacted = await reactor.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, "👍", timeout.Token);
        var reactedAgain = await reactor.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, "👍", timeout.Token);
        var deleted = await author.Connection.InvokeAsync<MessageDto>("DeleteMessage", channel.Id, message.Id, timeout.Token);
        var editOfDeleted = await ErrorOf(author.Connection.InvokeAsync<MessageDto>("EditMessage", channel.Id, message.Id, "back", timeout.Token));

        Assert.Equal(new HubError(HubErrorCodes.Forbidden, "Only the author may edit a message."), notTheAuthor);
        Assert.Equal(HubError.NotFound("conversation"), notAMember);
        Assert.Equal(HubErrorCodes.Validation, notAnEmoji.Code);
        Assert.Equal("emoji", notAnEmoji.Field);
        Assert.Equal(HubErrorCodes.Conflict, editOfDeleted.Code);
        Assert.Equal("final", edited.Text);
        Assert.Equal([new ReactionDto("👍", 1, true)], reacted.Reactions);
        Assert.Equal(reacted.Version, reactedAgain.Version);
        Assert.True(deleted.Deleted);

        // Three changes (the repeated reaction changed nothing): each member gets each once, as they see it. Once the
        // backstop's sentinel (committed after them) is in, a duplicate from either path would be too.
        await reader.WaitForAsync(l => l.Updates(channel.Id).Count >= 3, timeout.Token);
        await BackstopSentinel.SendAndAwaitAsync(fixture, channel.Id, world.Member2.User.Id, [author, reactor, reader], timeout.Token);
        foreach (var member in new[] { author, reactor, reader })
        {
            Assert.Equal([edited.Version, reacted.Version, deleted.Version], member.Updates(channel.Id).Select(m => m.Version).Order());
        }

        Assert.Equal([new ReactionDto("👍", 1, false)], reader.Updates(channel.Id).Single(m => m.Version == reacted.Version).Reactions);
        Assert.Empty(outsider.Updates(channel.Id));
    }

    private static async Task<HubError> ErrorOf(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call);
        return HubError.Parse(exception.Message) ?? throw new Xunit.Sdk.XunitException($"not a typed hub error: {exception.Message}");
    }
}
