using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Storage.Conversations;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Conversations;

/// <summary>A message takes at most 50 different emoji, through REST and the hub; the ones it has stay open to everyone.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class ReactionLimitTests(HostModeAppFixture fixture)
{
    // 50 different faces (U+1F600…), all single pictographs, and one more.
    private static readonly string[] Faces =
        [.. Enumerable.Range(0, ReactionLimits.MaxDistinctPerMessage + 1).Select(i => char.ConvertFromUtf32(0x1F600 + i))];

    [Fact]
    public async Task TheFiftyFirstDifferentReactionIsAConflictOverRest()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var message = await world.SendAsync(channel.Id, world.Member, "react to me");
        var at = $"/api/conversations/{channel.Id}/messages/{message.Id}/reactions";
        using var api = world.Api();

        foreach (var face in Faces[..^1])
        {
            using var added = await api.SendAsync(HttpMethod.Put, $"{at}/{Uri.EscapeDataString(face)}", null, world.Owner.AccessToken);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using var oneTooMany = await api.SendAsync(HttpMethod.Put, $"{at}/{Uri.EscapeDataString(Faces[^1])}", null, world.Member2.AccessToken);
        using var existing = await api.SendAsync(HttpMethod.Put, $"{at}/{Uri.EscapeDataString(Faces[0])}", null, world.Member2.AccessToken);

        var problem = await AssertProblemAsync(oneTooMany, HttpStatusCode.Conflict);
        Assert.Equal("https://nexuschat.dev/problems/too-many-reactions", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        var reactions = (await existing.Content.ReadFromJsonAsync<MessageDto>())!.Reactions;
        Assert.Equal(ReactionLimits.MaxDistinctPerMessage, reactions.Count);
        Assert.Equal(new ReactionDto(Faces[0], 2, true), reactions.Single(r => r.Emoji == Faces[0]));
        Assert.DoesNotContain(reactions, r => r.Emoji == Faces[^1]);
    }

    [Fact]
    public async Task TheFiftyFirstDifferentReactionIsAConflictOverTheHub()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var message = await world.SendAsync(channel.Id, world.Member, "react to me");
        await using var owner = await HubListener.ConnectAsync(fixture, world.Owner, "realtime-1", timeout.Token);
        await using var other = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);

        foreach (var face in Faces[..^1])
        {
            await owner.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, face, timeout.Token);
        }

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            other.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, Faces[^1], timeout.Token));
        var existing = await other.Connection.InvokeAsync<MessageDto>("AddReaction", channel.Id, message.Id, Faces[0], timeout.Token);

        Assert.Equal(HubErrorCodes.Conflict, HubError.Parse(refused.Message)?.Code);
        Assert.Equal(ReactionLimits.MaxDistinctPerMessage, existing.Reactions.Count);
        Assert.Equal(new ReactionDto(Faces[0], 2, true), existing.Reactions.Single(r => r.Emoji == Faces[0]));
    }
}
