using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Conversations;

/// <summary>PUT/DELETE /api/conversations/{id}/mute: a member's own setting, idempotent, followed by their other devices.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class MuteApiTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task MutingIsTheMembersOwnSettingShownInTheirListAndRepeatingItChangesNothing()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        using var api = world.Api();
        var mute = $"/api/conversations/{channel.Id}/mute";

        using var first = await api.SendAsync(HttpMethod.Put, mute, null, world.Member.AccessToken);
        using var again = await api.SendAsync(HttpMethod.Put, mute, null, world.Member.AccessToken);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, again.StatusCode));
        Assert.True((await ListedAsync(world, world.Member, channel.Id)).Muted);
        Assert.False((await ListedAsync(world, world.Owner, channel.Id)).Muted);
        using var details = await api.GetAsync($"/api/conversations/{channel.Id}", world.Member.AccessToken);
        Assert.True((await details.Content.ReadFromJsonAsync<ConversationDto>())!.Muted);

        using var unmuted = await api.SendAsync(HttpMethod.Delete, mute, null, world.Member.AccessToken);
        using var unmutedAgain = await api.SendAsync(HttpMethod.Delete, mute, null, world.Member.AccessToken);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (unmuted.StatusCode, unmutedAgain.StatusCode));
        Assert.False((await ListedAsync(world, world.Member, channel.Id)).Muted);
    }

    [Fact]
    public async Task ANonMemberGetsNotFoundForAPrivateConversationAndJoinFirstForAPublicChannel()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var secret = await world.ChannelAsync("private");
        var open = await world.ChannelAsync("public");
        using var api = world.Api();

        using var hidden = await api.SendAsync(HttpMethod.Put, $"/api/conversations/{secret.Id}/mute", null, world.Outsider.AccessToken);
        using var unknown = await api.SendAsync(HttpMethod.Delete, "/api/conversations/no-such-conversation/mute", null, world.Outsider.AccessToken);
        using var previewed = await api.SendAsync(HttpMethod.Put, $"/api/conversations/{open.Id}/mute", null, world.Outsider.AccessToken);

        await AssertProblemAsync(hidden, HttpStatusCode.NotFound);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await AssertProblemAsync(previewed, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheMembersOtherDevicesLearnTheMuteAsTheConversationUpdated()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var otherDevice = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        using var api = world.Api();

        using var muted = await api.SendAsync(HttpMethod.Put, $"/api/conversations/{channel.Id}/mute", null, world.Member.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, muted.StatusCode);
        await otherDevice.WaitForAsync(l => l.ConversationUpdates(channel.Id).Any(c => c.Muted && c.MyRole is not null), timeout.Token);

        using var unmuted = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{channel.Id}/mute", null, world.Member.AccessToken);
        await otherDevice.WaitForAsync(l => l.ConversationUpdates(channel.Id) is [.., { Muted: false }], timeout.Token);
    }

    private static async Task<ConversationDto> ListedAsync(ConversationWorld world, AuthResponse user, string conversationId)
    {
        using var api = world.Api();
        using var response = await api.GetAsync("/api/conversations", user.AccessToken);
        return (await response.Content.ReadFromJsonAsync<Page<ConversationDto>>())!.Items.Single(c => c.Id == conversationId);
    }
}
