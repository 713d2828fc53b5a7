using System.Diagnostics;
using NexusChat.Contracts.Calls;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using Xunit.Abstractions;
using static NexusChat.Tests.Calls.CallParty;

namespace NexusChat.Tests.Calls;

/// <summary>A call outlives the realtime replica that carried its signaling (the media never went through it).</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class CallFailoverTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task WhenAReplicaDiesAParticipantWhoRejoinsFromAnotherKeepsThePlaceAndOneWhoDoesNotIsDropped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        var ben = await ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        var owner = await ConnectAsync(fixture, world.Owner, "realtime-3", timeout.Token);
        var call = await ana.StartAsync(channel.Id, CallKinds.Video, [world.Member2.User.Id, world.Owner.User.Id]);
        await ben.JoinAsync(call.Id);
        await owner.JoinAsync(call.Id);
        await ana.WaitAsync(p => p.Updates.Any(c => c.Participants.Count == 3), "all three are in the call");

        try
        {
            ResourceProcesses.Kill(fixture.App, "realtime-3");
            var killed = Stopwatch.StartNew();
            // Ben's client reconnects to a live replica and joins again: his place moves to the new connection.
            await ben.DisposeAsync();
            await using var benAgain = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
            var moved = await benAgain.JoinAsync(call.Id);
            await ana.WaitAsync(p => p.Updates.Any(c => c.Participants.Any(s => s.ConnectionId == benAgain.ConnectionId)),
                "Ana learns Ben's new connection");
            await ana.SignalAsync(call.Id, benAgain.ConnectionId, CallSignalTypes.Offer, "ice restart offer");
            await benAgain.WaitAsync(p => p.Signals.Any(s => s.Payload == "ice restart offer"), "the ICE restart offer reaches Ben's new connection");

            // The owner never comes back: nobody renews her, and the sweep drops her.
            await ana.WaitAsync(p => p.Updates.LastOrDefault()?.Participants.Count == 2,
                "the owner, whose replica died, is dropped", AppHostArguments.CallParticipantTimeout + TimeSpan.FromSeconds(6));
            output.WriteLine($"dropped {killed.Elapsed.TotalSeconds:0.0} s after the kill");

            Assert.Equal(3, moved.Participants.Count);
            var now = ana.Updates.Last();
            Assert.Equal(CallStates.Active, now.State);
            Assert.Equal([world.Member.User.Id, world.Member2.User.Id], now.Participants.Select(p => p.UserId));
            Assert.Empty(ana.Ended);
        }
        finally
        {
            await owner.DisposeAsync();
            await RealtimeReplicas.RestartAsync(fixture, "realtime-3");
        }
    }
}
