using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.Outbox;
using NexusChat.EventBus.Topology;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Outbox;
using NexusChat.Tests.Infrastructure;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// Two real worker processes on one embedded store, as the AppHost runs them: one relays the outbox under the store's
/// lease, and SIGKILLing it while events flow hands the relay to the other within a lease, losing nothing.
/// </summary>
[Collection(EventBusCollection.Name)]
public sealed class WorkerReplicaTests(RabbitMqServerFixture rabbit, RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 30;
    private const int EventsPerRound = 10;
    private const int KillAfterRound = 10;
    private const string OutboxSettings = OutboxRelayOptions.SectionName;
    private static readonly TimeSpan RoundInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-workers-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    private string StorePath => Path.Combine(_folder, "nexuschat.db");

    private CancellationToken Token => _timeout.Token;

    [SkippableFact]
    public async Task KillingTheRelayingWorkerWhileEventsFlowLosesNoneAndTheOtherRelaysWithinALease()
    {
        RequiredTools.EventBusServers();
        var connections = new SqliteConnectionFactory(StorePath);
        await new SqliteStoreLifecycle(connections).InitializeAsync(Token);
        var probe = new HandlerProbe();
        var subscriber = $"test-{Guid.NewGuid().ToString("N")[..8]}";
        await using var consumer = await SubscriberHost.StartAsync(rabbit, redis, output, subscriber, builder =>
        {
            builder.Services.AddSingleton(probe);
            builder.AddEventBus(subscriber).AddSubscription<ProbeEvent, ProbeHandler>();
        }, Token);
        await using var copies = await BrokerCopiesQueue.DeclareAsync(rabbit, Token);
        using var first = StartWorker("worker-1");
        using var second = StartWorker("worker-2");
        await Task.WhenAll(first.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), second.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)));
        int relaying = 0;
        await Eventually.TrueAsync(async () => (relaying = await LeaseHolderPidAsync(connections)) != 0, TimeSpan.FromSeconds(10),
            "a worker took the relay lease");
        var (victim, survivor) = relaying == first.Pid ? (first, second) : (second, first);
        Assert.Equal(relaying, victim.Pid);

        var written = new Dictionary<Guid, long>();
        var beforeKill = new HashSet<Guid>();
        long killedAt = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            if (round == KillAfterRound + 1)
            {
                victim.Kill();
                killedAt = Stopwatch.GetTimestamp();
                beforeKill.UnionWith(written.Keys);
            }

            foreach (var posted in await WriteRoundAsync(connections, round))
            {
                written[posted] = Stopwatch.GetTimestamp();
            }

            await Task.Delay(RoundInterval, Token);
        }

        await Eventually.TrueAsync(() => written.Keys.All(id => probe.SuccessesFor(id) >= 1), TimeSpan.FromSeconds(30),
            () => $"{written.Keys.Count(id => probe.SuccessesFor(id) >= 1)} of {written.Count} events handled; survivor:\n{survivor.LastLines}");
        await Eventually.TrueAsync(async () => await PendingCountAsync(connections) == 0, TimeSpan.FromSeconds(10),
            "the survivor marked every event published");

        // None lost and, behind the consumer's idempotency, none handled twice.
        Assert.All(written.Keys, id => Assert.Equal(1, probe.SuccessesFor(id)));
        // What the broker got twice is only what the killed relay had published but not yet marked.
        var brokerCopies = await copies.CountByEventIdAsync(written.Count, Token);
        Assert.Equal(written.Keys.Order(), brokerCopies.Keys.Order());
        var republished = brokerCopies.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        Assert.All(republished, id => Assert.Contains(id, beforeKill));
        // Nothing waits longer than the lease the killed relay left behind (plus the survivor's next ask, plus a batch).
        var handledAt = written.Keys.ToDictionary(id => id, id => probe.AttemptsFor(id).First(a => a.Succeeded).Timestamp);
        var latencies = written.Select(w => Stopwatch.GetElapsedTime(w.Value, handledAt[w.Key])).Order().ToList();
        var firstAfterKill = handledAt.Where(h => !beforeKill.Contains(h.Key)).Min(h => h.Value);
        var takeover = Stopwatch.GetElapsedTime(killedAt, firstAfterKill);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{written.Count} events, {republished.Count} published twice, takeover {takeover.TotalSeconds:0.00} s after the kill, " +
            $"write-to-handled p50 {latencies[latencies.Count / 2].TotalMilliseconds:0} ms, max {latencies[^1].TotalMilliseconds:0} ms"));
        Assert.True(latencies[^1] < Lease + LeaseRenewInterval + TimeSpan.FromSeconds(2), $"an event waited {latencies[^1]}");
        Assert.Equal(survivor.Pid, await LeaseHolderPidAsync(connections));
    }

    public void Dispose()
    {
        _timeout.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed worker's files may linger a moment; the temp folder is reclaimed by the OS.
        }
    }

    private WorkerProcess StartWorker(string name) =>
        WorkerProcess.Start(name, rabbit, redis, StorePath, Path.Combine(_folder, "files"),
            string.Create(CultureInfo.InvariantCulture, $"--{OutboxSettings}:LeaseDuration={Lease:c}"),
            string.Create(CultureInfo.InvariantCulture, $"--{OutboxSettings}:LeaseRenewInterval={LeaseRenewInterval:c}"));

    /// <summary>One round's events, committed to the outbox in one transaction as a replica's change would commit them.</summary>
    private async Task<IReadOnlyList<Guid>> WriteRoundAsync(SqliteConnectionFactory connections, int round)
    {
        var events = Enumerable.Range(1, EventsPerRound).Select(n => new ProbeEvent(Guid.NewGuid(), $"round {round}, event {n}")).ToList();
        await connections.WriteAsync(async write =>
        {
            foreach (var posted in events)
            {
                await SqliteOutbox.AppendAsync(write.Connection, write.Transaction, posted, Token);
            }

            return events.Count;
        }, Token);
        return [.. events.Select(e => e.Id)];
    }

    /// <summary>The process id in the lease row's holder (host/pid/random), or 0 while nobody holds it.</summary>
    private async Task<int> LeaseHolderPidAsync(SqliteConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT holder FROM outbox_lease;";
        return await command.ExecuteScalarAsync(Token) is string holder ? int.Parse(holder.Split('/')[1], CultureInfo.InvariantCulture) : 0;
    }

    private async Task<long> PendingCountAsync(SqliteConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL;";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>A queue of the test's own, bound to the probe events, that nobody consumes: every copy the broker routed.</summary>
    private sealed class BrokerCopiesQueue(IConnection connection, IChannel channel, string queue) : IAsyncDisposable
    {
        public static async Task<BrokerCopiesQueue> DeclareAsync(RabbitMqServerFixture rabbit, CancellationToken cancellationToken)
        {
            var connection = await rabbit.ConnectAsync("worker-replica-copies", cancellationToken);
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var queue = $"test.copies.{Guid.NewGuid():N}";
            await channel.ExchangeDeclareAsync(EventBusTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, EventBusTopology.Exchange, nameof(ProbeEvent), cancellationToken: cancellationToken);
            return new BrokerCopiesQueue(connection, channel, queue);
        }

        /// <summary>Takes at least <paramref name="expected"/> messages and counts them per event id.</summary>
        public async Task<Dictionary<Guid, int>> CountByEventIdAsync(int expected, CancellationToken cancellationToken)
        {
            var counts = new Dictionary<Guid, int>();
            var taken = 0;
            while (true)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: true, cancellationToken);
                if (message is null)
                {
                    if (taken >= expected)
                    {
                        return counts;
                    }

                    await Task.Delay(50, cancellationToken);
                    continue;
                }

                var id = Guid.Parse(message.BasicProperties.MessageId!);
                counts[id] = counts.GetValueOrDefault(id) + 1;
                taken++;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
