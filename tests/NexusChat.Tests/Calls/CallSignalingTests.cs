using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Calls.CallParty;

namespace NexusChat.Tests.Calls;

/// <summary>Call signaling over the hub between connections held by different realtime replicas, with its rules.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class CallSignalingTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task ADirectCallRingsEveryDeviceOfTheCalleeAndRelaysOffersAnswersAndCandidatesAcrossReplicas()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var direct = await DirectAsync(world, world.Member, world.Member2);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var benPhone = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var benLaptop = await ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);

        var started = await ana.StartAsync(direct.Id, CallKinds.Video);
        await benPhone.WaitAsync(p => p.Ringing.Any(c => c.Id == started.Id), "Ben's phone rings");
        await benLaptop.WaitAsync(p => p.Ringing.Any(c => c.Id == started.Id), "Ben's laptop rings");
        var answered = await benLaptop.JoinAsync(started.Id);
        await ana.WaitAsync(p => p.Updates.Any(c => c.State == CallStates.Active), "Ana sees the call answered");
        await ana.SignalAsync(started.Id, benLaptop.ConnectionId, CallSignalTypes.Offer, "v=0 offer");
        await benLaptop.WaitAsync(p => p.Signals.Count == 1, "the offer reaches the laptop that answered");
        await benLaptop.SignalAsync(started.Id, ana.ConnectionId, CallSignalTypes.Answer, "v=0 answer");
        await benLaptop.SignalAsync(started.Id, ana.ConnectionId, CallSignalTypes.Candidate, "{\"candidate\":\"c1\"}");
        await ana.WaitAsync(p => p.Signals.Count == 2, "the answer and the candidate reach Ana");

        Assert.Equal((CallStates.Ringing, CallKinds.Video), (started.State, started.Kind));
        Assert.Equal([world.Member2.User.Id], started.Invited);
        Assert.Equal([(world.Member.User.Id, ana.ConnectionId), (world.Member2.User.Id, benLaptop.ConnectionId)],
            answered.Participants.Select(p => (p.UserId, p.ConnectionId)));
        Assert.Equal(new CallSignalDto(started.Id, world.Member.User.Id, ana.ConnectionId, CallSignalTypes.Offer, "v=0 offer"),
            benLaptop.Signals.Single());
        Assert.Equal([CallSignalTypes.Answer, CallSignalTypes.Candidate], ana.Signals.Select(s => s.Type));
        Assert.Empty(benPhone.Signals);
        Assert.Equal(started.Id, (await ana.Connection.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), direct.Id))!.Id);

        await ana.Connection.InvokeAsync(nameof(IChatHub.LeaveCall), started.Id);
        await benPhone.WaitAsync(p => p.Ended.Any(e => e.CallId == started.Id), "every device of Ben learns the call ended");
        Assert.Equal(CallEndReasons.HungUp, benPhone.Ended.Single().Reason);
        Assert.Null(await ana.Connection.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), direct.Id));
    }

    [Fact]
    public async Task OnlyMembersStartSeeOrJoinACallAndOnlyParticipantsSignalFromTheirOwnConnection()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("public");
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var ben = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var outsider = await ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        var call = await ana.StartAsync(channel.Id, CallKinds.Audio, [world.Member2.User.Id]);

        // Outside the conversation (even a public channel one could join), a call id and the conversation's call say nothing.
        Assert.Equal(HubErrorCodes.NotFound, (await FailureOf(() => outsider.StartAsync(channel.Id))).Code);
        Assert.Equal(HubErrorCodes.NotFound, (await FailureOf(() => outsider.JoinAsync(call.Id))).Code);
        Assert.Equal(HubErrorCodes.NotFound, (await FailureOf(() => outsider.Connection.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), channel.Id))).Code);
        Assert.Equal(HubErrorCodes.Forbidden,
            (await FailureOf(() => outsider.SignalAsync(call.Id, ana.ConnectionId, CallSignalTypes.Offer, "x"))).Code);
        // A member not (yet) in the call cannot inject signaling either.
        Assert.Equal(HubErrorCodes.Forbidden, (await FailureOf(() => ben.SignalAsync(call.Id, ana.ConnectionId, CallSignalTypes.Offer, "x"))).Code);
        // Invitees must be members; a bad kind, type or oversized payload is a validation error.
        Assert.Equal(("validation", "invitees"), Of(await FailureOf(() => ben.StartAsync(channel.Id, CallKinds.Audio, [world.Outsider.User.Id]))));
        Assert.Equal(("validation", "kind"), Of(await FailureOf(() => ben.StartAsync(channel.Id, "screen"))));
        await ben.JoinAsync(call.Id);
        Assert.Equal(("validation", "type"), Of(await FailureOf(() => ben.SignalAsync(call.Id, ana.ConnectionId, "bye", "x"))));
        Assert.Equal(("validation", "payload"), Of(await FailureOf(() =>
            ben.SignalAsync(call.Id, ana.ConnectionId, CallSignalTypes.Offer, new string('s', CallLimits.MaxSignalPayloadChars + 1)))));
        // Only to a participant's current connection.
        Assert.Equal(HubErrorCodes.NotFound, (await FailureOf(() => ben.SignalAsync(call.Id, outsider.ConnectionId, CallSignalTypes.Offer, "x"))).Code);
        Assert.DoesNotContain(outsider.Ringing.Concat(outsider.Updates), c => c.Id == call.Id);
    }

    [Fact]
    public async Task SomeoneInACallIsBusyForAnotherDirectCall()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var anaBen = await DirectAsync(world, world.Member, world.Member2);
        var catAna = await DirectAsync(world, world.Outsider, world.Member);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var ben = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var cat = await ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        var call = await ana.StartAsync(anaBen.Id, CallKinds.Audio);
        await ben.JoinAsync(call.Id);

        var busy = await FailureOf(() => cat.StartAsync(catAna.Id, CallKinds.Audio));
        var alreadyIn = await FailureOf(() => ana.StartAsync(catAna.Id, CallKinds.Audio));

        Assert.Equal(HubErrorCodes.Conflict, busy.Code);
        Assert.StartsWith("busy", busy.Message, StringComparison.Ordinal);
        Assert.Equal(HubErrorCodes.Conflict, alreadyIn.Code);
        Assert.Empty(ana.Ringing);
    }

    [Fact]
    public async Task AnUnansweredCallIsMissedAfterTheRingTimeoutAndOneEveryoneDeclinesEndsDeclined()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var unanswered = await DirectAsync(world, world.Member, world.Member2);
        var declined = await DirectAsync(world, world.Owner, world.Admin);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var owner = await ConnectAsync(fixture, world.Owner, "realtime-2", timeout.Token);
        await using var admin = await ConnectAsync(fixture, world.Admin, "realtime-3", timeout.Token);

        var missed = await ana.StartAsync(unanswered.Id, CallKinds.Audio);
        var refused = await owner.StartAsync(declined.Id, CallKinds.Video);
        await admin.Connection.InvokeAsync(nameof(IChatHub.DeclineCall), refused.Id);

        await owner.WaitAsync(p => p.Ended.Any(e => e.CallId == refused.Id), "the caller learns the call was declined");
        await ana.WaitAsync(p => p.Ended.Any(e => e.CallId == missed.Id), "the caller learns nobody answered",
            AppHostArguments.CallRingTimeout + TimeSpan.FromSeconds(5));
        Assert.Equal((CallEndReasons.Declined, null), (owner.Ended.Single().Reason, owner.Ended.Single().AnsweredAt));
        var ended = ana.Ended.Single();
        Assert.Equal((CallEndReasons.Missed, null), (ended.Reason, ended.AnsweredAt));
        Assert.True(ended.EndedAt - missed.StartedAt >= AppHostArguments.CallRingTimeout);
    }

    private static (string, string?) Of(HubError error) => (error.Code, error.Field);

    internal static async Task<ConversationDto> DirectAsync(ConversationWorld world, AuthResponse from, AuthResponse to)
    {
        using var api = world.Api();
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("direct", null, null, null, [to.User.Id]), from.AccessToken);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"direct: {(int)created.StatusCode}");
        return (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
    }
}
