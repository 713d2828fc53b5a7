using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Calls.CallParty;

namespace NexusChat.Tests.Calls;

/// <summary>What keeps calls from being used against others: the start limit, and membership reaching a running call.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class CallHardeningTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AUserStartsAtMostTenCallsThatRingAMinuteCountedOverAllTheirDevicesAndReplicas()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var direct = await CallSignalingTests.DirectAsync(world, world.Member, world.Member2);
        await using var phone = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var laptop = await ConnectAsync(fixture, world.Member, "realtime-2", timeout.Token);
        await using var tablet = await ConnectAsync(fixture, world.Member, "realtime-3", timeout.Token);

        // Ten calls that ring Ben, each cancelled at once, from two devices on two replicas.
        for (var i = 0; i < 10; i++)
        {
            var device = i % 2 == 0 ? phone : laptop;
            var call = await device.StartAsync(direct.Id, CallKinds.Audio);
            await device.Connection.InvokeAsync(nameof(IChatHub.LeaveCall), call.Id);
        }

        var refused = await FailureOf(() => tablet.StartAsync(direct.Id, CallKinds.Audio));

        Assert.Equal(HubErrorCodes.RateLimited, refused.Code);
        Assert.InRange(refused.RetryAfterSeconds!.Value, 1, 60);
        // The refused start rang nobody: no call runs.
        Assert.Null(await tablet.Connection.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), direct.Id));
        // Only calls that ring count: a start the server refuses for its arguments is not one.
        var invalid = await FailureOf(() => tablet.Connection.InvokeAsync<CallDto>(nameof(IChatHub.StartCall), direct.Id, "hologram", null));
        Assert.Equal(HubErrorCodes.Validation, invalid.Code);
    }

    [Fact]
    public async Task AMemberRemovedFromTheChannelOrLeavingItIsTakenOutOfItsCallAndNoLongerRung()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var ben = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var owner = await ConnectAsync(fixture, world.Owner, "realtime-3", timeout.Token);
        await using var admin = await ConnectAsync(fixture, world.Admin, "realtime-2", timeout.Token);
        var call = await ana.StartAsync(channel.Id, CallKinds.Audio, [world.Member2.User.Id, world.Admin.User.Id]);
        await admin.WaitAsync(p => p.Ringing.Any(c => c.Id == call.Id), "the admin is rung");
        await ben.JoinAsync(call.Id);
        await owner.JoinAsync(call.Id);

        await RemoveAsync(world, channel.Id, world.Member2, world.Owner);
        await ben.WaitAsync(p => p.Ended.Any(e => e.CallId == call.Id), "the removed participant's device learns the call is over for them");
        await ana.WaitAsync(p => p.Updates.Any(c => c.Participants.Select(p => p.UserId).SequenceEqual([world.Member.User.Id, world.Owner.User.Id])),
            "the others see the call go on without him");
        await RemoveAsync(world, channel.Id, world.Admin, world.Admin);
        await admin.WaitAsync(p => p.Ended.Any(e => e.CallId == call.Id), "the ringing device of the member who left stops");
        await ana.WaitAsync(p => p.Updates.Any(c => !c.Invited.Contains(world.Admin.User.Id)), "the others see her no longer rung");

        Assert.Equal(CallEndReasons.Removed, ben.Ended.Single().Reason);
        Assert.Equal(CallEndReasons.Removed, admin.Ended.Single().Reason);
        var now = (await ana.Connection.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), channel.Id))!;
        Assert.Equal(CallStates.Active, now.State);
        Assert.Equal([world.Member.User.Id, world.Owner.User.Id], now.Participants.Select(p => p.UserId));
        Assert.Empty(now.Invited);
        Assert.Empty(ana.Ended);
        // Out of the call: he can no longer signal to it.
        Assert.Equal(HubErrorCodes.Forbidden, (await FailureOf(() => ben.SignalAsync(call.Id, ana.ConnectionId, CallSignalTypes.Offer, "x"))).Code);
    }

    private static async Task RemoveAsync(ConversationWorld world, string conversationId, AuthResponse member, AuthResponse by)
    {
        using var api = world.Api();
        using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{conversationId}/members/{member.User.Id}", null, by.AccessToken);
        Assert.True(removed.IsSuccessStatusCode, $"remove: {(int)removed.StatusCode}");
    }
}
