using System.Diagnostics;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Realtime;

/// <summary>Presence across replicas: seen by contacts on other replicas, hidden from strangers, and cleared when a replica dies.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class PresenceTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AContactOnAnotherReplicaSeesOnlineAwayAndOfflineWithinTheDocumentedSeventeenSecondsOfACrash()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var ana = world.Member;
        var ben = world.Member2;
        await using var watcher = await RecordingChatClient.ToReplicaAsync(fixture, ben, "realtime-2", timeout.Token);
        await using var stranger = await RecordingChatClient.ToReplicaAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        var victim = await RecordingChatClient.ToReplicaAsync(fixture, ana, "realtime-1", timeout.Token);

        try
        {
            await Eventually.TrueAsync(() => watcher.PresenceOf(ana.User.Id).Any(p => p.Status == PresenceStatus.Online), Soon,
                "Ben (realtime-2) hears that Ana came online on realtime-1");
            var asked = await watcher.Connection.GetPresenceAsync([ana.User.Id, world.Outsider.User.Id], timeout.Token);
            Assert.Equal([(ana.User.Id, PresenceStatus.Online)], asked.Select(p => (p.UserId, p.Status)));

            await victim.Connection.SetPresenceAsync(PresenceStatus.Away, timeout.Token);
            await Eventually.TrueAsync(() => watcher.PresenceOf(ana.User.Id).Any(p => p.Status == PresenceStatus.Away), Soon,
                "Ben hears that Ana is away");

            ResourceProcesses.Kill(fixture.App, "realtime-1");
            var killed = Stopwatch.StartNew();
            // The documented bound (docs/protocol.md §8.1, README): Ttl + SweepInterval = 17 s after the last renewal, which
            // came before the kill; 3 s more for the announcement to travel on a loaded test machine.
            await Eventually.TrueAsync(() => watcher.PresenceOf(ana.User.Id).Any(p => p.Status == PresenceStatus.Offline),
                TimeSpan.FromSeconds(17 + 3), "Ana goes offline once the replica holding her connection is dead");
            output.WriteLine($"offline announced {killed.Elapsed.TotalSeconds:0.0} s after the kill");

            var offline = watcher.PresenceOf(ana.User.Id).Last();
            Assert.NotNull(offline.LastSeenAt);
            Assert.InRange(offline.LastSeenAt.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
            Assert.Equal(PresenceStatus.Offline, (await watcher.Connection.GetPresenceAsync([ana.User.Id], timeout.Token)).Single().Status);

            // Nothing about Ana reached someone who shares no conversation with her, and asking reveals nothing either.
            Assert.Empty(stranger.PresenceOf(ana.User.Id));
            Assert.Empty(await stranger.Connection.GetPresenceAsync([ana.User.Id], timeout.Token));
        }
        finally
        {
            await victim.DisposeAsync();
            await RealtimeReplicas.RestartAsync(fixture, "realtime-1");
        }
    }

    [Fact]
    public async Task AUserStaysOnlineWhileAnyDeviceIsConnectedAndGoesOfflineWhenTheLastLeaves()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        await world.ChannelAsync("private");
        var ana = world.Member;
        await using var watcher = await RecordingChatClient.ToReplicaAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        var phone = await RecordingChatClient.ToReplicaAsync(fixture, ana, "realtime-1", timeout.Token);
        var laptop = await RecordingChatClient.ToReplicaAsync(fixture, ana, "realtime-2", timeout.Token);
        // Said explicitly, so the laptop's status is in Redis before the phone's changes (the handshake completes
        // before the server records a new connection).
        await laptop.Connection.SetPresenceAsync(PresenceStatus.Online, timeout.Token);

        // Away on one device, online on the other: online wins.
        await phone.Connection.SetPresenceAsync(PresenceStatus.Away, timeout.Token);
        await phone.DisposeAsync();
        Assert.Equal(PresenceStatus.Online, (await watcher.Connection.GetPresenceAsync([ana.User.Id], timeout.Token)).Single().Status);
        // Time for a wrong "away" announcement to arrive, had the phone's status won.
        await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
        Assert.DoesNotContain(watcher.PresenceOf(ana.User.Id), p => p.Status == PresenceStatus.Away);

        // (Had the server not yet processed the phone's disconnect, the phone's "away" is briefly all that is left.)
        await laptop.DisposeAsync();
        await Eventually.TrueAsync(() => watcher.PresenceOf(ana.User.Id).LastOrDefault()?.Status == PresenceStatus.Offline, Soon,
            "Ana is offline once her last device disconnects");
    }

    [Fact]
    public async Task SetPresenceRefusesAnUnknownStatusWithATypedError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        await using var client = await RecordingChatClient.ToReplicaAsync(fixture, world.Member, "realtime-2", timeout.Token);

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => client.Connection.SetPresenceAsync("invisible", timeout.Token));

        Assert.Contains($"HubException: {HubErrorCodes.Validation}: status", error.Message, StringComparison.Ordinal);
    }
}
