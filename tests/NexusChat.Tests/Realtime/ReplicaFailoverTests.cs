using NexusChat.Client;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// A realtime replica killed with SIGKILL while messages flow: its clients reconnect through the gateway to the
/// others, and after their resync every client holds every message exactly once, in seq order.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class ReplicaFailoverTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    private const int Messages = 60;
    private const int ConnectionsPerUser = 3;

    [Fact]
    public async Task ClientsOfAKilledReplicaReconnectAndEveryClientHoldsEveryMessageExactlyOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var before = await RealtimeReplicas.ConnectionsAsync(fixture, timeout.Token);
        var clients = new List<RecordingChatClient>();
        foreach (var user in new[] { world.Owner, world.Admin, world.Member, world.Member2 })
        {
            for (var i = 0; i < ConnectionsPerUser; i++)
            {
                // Both wire protocols take part in the same run.
                var protocol = clients.Count % 2 == 0 ? HubWireProtocol.Json : HubWireProtocol.MessagePack;
                var client = await RecordingChatClient.ThroughGatewayAsync(fixture, user, protocol, timeout.Token, output);
                client.Connection.Track(channel.Id, channel.LastSeq, channel.Version);
                clients.Add(client);
            }
        }

        var victim = await BusiestReplicaAsync(before, clients.Count, timeout.Token);
        try
        {
            var sending = SendAsync(world, channel.Id, timeout.Token);
            await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Count >= 10), TimeSpan.FromSeconds(30),
                "the first messages arrive before the kill");
            ResourceProcesses.Kill(fixture.App, victim.Name);
            await sending;

            await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Count >= Messages), TimeSpan.FromSeconds(60),
                () => "every client holds every message after reconnecting and resyncing; got " + string.Join("; ", clients.Select(c =>
                    $"{c.Connection.State} {c.Reconnects.Count} reconnect(s) {c.ReceivedSeqs(channel.Id).Count} msgs up to {c.ReceivedSeqs(channel.Id).LastOrDefault()}")));
            // Once the backstop's sentinel is in, a duplicate from any path would be too.
            var sentinel = await BackstopSentinel.SendAsync(fixture, channel.Id, world.Owner.User.Id, timeout.Token);
            await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Contains(sentinel.Seq)), TimeSpan.FromSeconds(30),
                "the sentinel reaches every client");
            foreach (var client in clients)
            {
                Assert.Equal(Enumerable.Range(1, Messages + 1).Select(i => (long)i), client.ReceivedSeqs(channel.Id));
            }

            var reconnects = clients.SelectMany(c => c.Reconnects).Select(t => t.TotalMilliseconds).Order().ToList();
            Assert.True(reconnects.Count >= victim.Connections,
                $"{victim.Connections} connection(s) were on {victim.Name} but only {reconnects.Count} reconnected");
            output.WriteLine($"{victim.Name} held {victim.Connections} of {clients.Count} connections; reconnect ms: " +
                $"p50 {reconnects[(reconnects.Count - 1) / 2]:0}, p99 {reconnects[(int)Math.Ceiling(reconnects.Count * 0.99) - 1]:0}, max {reconnects[^1]:0}");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            await RealtimeReplicas.RestartAsync(fixture, victim.Name);
        }
    }

    /// <summary>The replica that holds most of the new connections (the gateway spreads them; which one is chance).</summary>
    private async Task<(string Name, long Connections)> BusiestReplicaAsync(
        Dictionary<string, long> before, int added, CancellationToken cancellationToken)
    {
        Dictionary<string, long> now = [];
        await Eventually.TrueAsync(async () =>
        {
            now = await RealtimeReplicas.ConnectionsAsync(fixture, cancellationToken);
            return now.Sum(c => c.Value - before[c.Key]) >= added;
        }, TimeSpan.FromSeconds(10), "every replica reports the new connections");
        var busiest = now.MaxBy(c => c.Value - before[c.Key]);
        output.WriteLine($"new connections per replica: {string.Join(", ", now.Select(c => $"{c.Key} {c.Value - before[c.Key]}"))}");
        return (busiest.Key, busiest.Value - before[busiest.Key]);
    }

    /// <summary>Messages through REST at a steady pace (the api replicas are not the ones dying).</summary>
    private static async Task SendAsync(ConversationWorld world, string conversationId, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= Messages; i++)
        {
            await world.SendAsync(conversationId, world.Admin, $"flowing {i}");
            await Task.Delay(50, cancellationToken);
        }
    }
}
