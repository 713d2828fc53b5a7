using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using NexusChat.AppHost.Infrastructure;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// Redis (the backplane) restarted under connected clients: while it is down every service stays alive but reports
/// itself not ready; cross-replica delivery comes back within 5 s, and what the backplane dropped meanwhile is
/// recovered by the clients' gap sync — nothing missing, nothing twice.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class RedisRestartTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task WhileRedisIsDownServicesStayAliveButNotReadyThenDeliveryResumesWithinFiveSecondsWithNothingMissing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var chat = await CrossReplicaChat.StartAsync(fixture, timeout.Token);
        var (world, channel, clients) = (chat.World, chat.Channel, chat.Clients);
        var sent = CrossReplicaChat.SentBefore;

        await StopRedisAsync(timeout.Token);
        await LivenessStaysUpWhileReadinessFailsAsync(timeout.Token);
        await StartRedisAsync(timeout.Token);
        var back = Stopwatch.StartNew();

        // Keep sending until a message sent after the restart reaches both replicas' clients.
        var firstAfter = sent + 1;
        while (!chat.BothReceivedFrom(firstAfter))
        {
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(30), "no delivery within 30 s of Redis being back");
            if (await TrySendAsync(world, channel.Id, $"after {sent}", timeout.Token))
            {
                sent++;
            }

            await Task.Delay(250, timeout.Token);
        }

        var resumedAfter = back.Elapsed;
        output.WriteLine($"cross-replica delivery resumed {resumedAfter.TotalSeconds:0.00} s after Redis was healthy again");
        Assert.True(resumedAfter < TimeSpan.FromSeconds(5), $"delivery resumed only after {resumedAfter.TotalSeconds:0.0} s");

        await world.SendAsync(channel.Id, world.Owner, "last");
        sent++;
        await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Count >= sent), TimeSpan.FromSeconds(30),
            "every message reaches every client, through the backplane or the gap sync");
        // Once the backstop's sentinel is in, a duplicate from any path would be too.
        var sentinel = await BackstopSentinel.SendAsync(fixture, channel.Id, world.Owner.User.Id, timeout.Token);
        // The backstop is the outbox relay and the realtime consumers, whose retries of what failed while Redis was down
        // back off for up to tens of seconds: a minute, not the live path's seconds.
        await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Contains(sentinel.Seq)), TimeSpan.FromSeconds(60),
            "the sentinel reaches every client");
        foreach (var client in clients)
        {
            Assert.Equal(Enumerable.Range(1, sent + 1).Select(i => (long)i), client.ReceivedSeqs(channel.Id));
        }
    }

    /// <summary>
    /// With Redis gone every service is not ready (<c>/health</c> 503, so the gateway and an orchestrator route around
    /// it) but still alive (<c>/alive</c> 200): restarting every replica because a shared dependency is down would
    /// turn a Redis outage into a full outage. The gateway's liveness answers on its public port.
    /// </summary>
    private async Task LivenessStaysUpWhileReadinessFailsAsync(CancellationToken cancellationToken)
    {
        string[] services = [.. Replicas(ResourceNames.Api), .. RealtimeReplicas.Names, .. WorkerReplicas.Names];
        foreach (var name in services)
        {
            using var http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(name, "http"), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.TrueAsync(async () =>
            {
                using var health = await http.GetAsync("/health", cancellationToken);
                return health.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable;
            }, TimeSpan.FromSeconds(30), $"{name} reports itself not ready while Redis is down");
        }

        foreach (var name in services.Append(ResourceNames.Web))
        {
            using var http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(name, "http"), Timeout = TimeSpan.FromSeconds(10) };
            using var alive = await http.GetAsync("/alive", cancellationToken);
            Assert.True(alive.IsSuccessStatusCode, $"{name}'s /alive answered {(int)alive.StatusCode} while Redis is down");
        }
    }

    private static IEnumerable<string> Replicas(string service) => Enumerable.Range(1, 3).Select(i => ResourceNames.Replica(service, i));

    /// <summary>
    /// Stops all of Redis: the Sentinels first, so that they do not try (and fail) to fail over meanwhile, which would
    /// hold back their next failover by twice the failover timeout; then both data nodes, each saving its append-only file.
    /// </summary>
    private async Task StopRedisAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Sentinels.Select(name => StopAsync(name, cancellationToken)));
        await Task.WhenAll(DataNodes.Select(name => StopAsync(name, cancellationToken)));
    }

    private async Task StopAsync(string name, CancellationToken cancellationToken)
    {
        await fixture.App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, cancellationToken);
        await fixture.App.ResourceNotifications.WaitForResourceAsync(name,
            [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], cancellationToken);
    }

    /// <summary>
    /// Starts the data nodes again on the same ports and data, each in the role the Sentinels last gave it, then the
    /// Sentinels, and waits until the set can fail over again. A start that races the old process's exit fails to
    /// bind; it is tried again.
    /// </summary>
    private async Task StartRedisAsync(CancellationToken cancellationToken)
    {
        foreach (var name in DataNodes.Concat(Sentinels))
        {
            for (var attempt = 1; ; attempt++)
            {
                await fixture.App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, cancellationToken);
                try
                {
                    await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);
                    break;
                }
                catch (DistributedApplicationException) when (attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Redis, cancellationToken);
    }

    private static IEnumerable<string> DataNodes => Enumerable.Range(1, RedisFailover.DataNodes).Select(RedisFailover.NodeName);

    private static IEnumerable<string> Sentinels => Enumerable.Range(1, RedisFailover.Sentinels).Select(RedisFailover.SentinelName);

    /// <summary>The api checks sessions in Redis too: right after the restart a send may fail once; the next try sends again.</summary>
    internal static async Task<bool> TrySendAsync(ConversationWorld world, string conversationId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await world.SendAsync(conversationId, world.Owner, text);
            return true;
        }
        catch (Xunit.Sdk.XunitException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
