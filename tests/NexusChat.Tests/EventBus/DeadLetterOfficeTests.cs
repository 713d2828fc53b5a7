using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.ParkingLots;
using NexusChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// The worker's view of every subscriber's parking lot: a subscriber shaped like realtime (handlers in parallel) and
/// one shaped like the worker (one at a time, with the dead-letter office) both park what always fails, and the
/// office lists, replays and discards it.
/// </summary>
[Collection(EventBusCollection.Name)]
public sealed class DeadLetterOfficeTests(RabbitMqServerFixture rabbit, RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private const int MaxAttempts = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromSeconds(60));
    private readonly HandlerProbe _realtimeProbe = new();
    private readonly HandlerProbe _workerProbe = new();
    private readonly HashSet<Guid> _failing = [];

    private CancellationToken Token => _testTimeout.Token;

    [SkippableFact]
    public async Task EverySubscribersParkedEventIsListedWithItsReasonAndAttemptsAndStaysParked()
    {
        await using var realtime = await StartRealtimeLikeAsync();
        await using var worker = await StartWorkerLikeAsync();
        var office = worker.Services.GetRequiredService<DeadLetterOffice>();
        var poison = Failing(new ProbeEvent(Guid.NewGuid(), "poison"));

        // Both subscribe to the event: one publish reaches both queues, and both park it.
        await Bus(worker).PublishAsync(poison, Token);
        await WaitParkedAsync(office, realtime, 1);
        await WaitParkedAsync(office, worker, 1);

        foreach (var (host, probe) in new[] { (realtime, _realtimeProbe), (worker, _workerProbe) })
        {
            var lot = await FindLotAsync(office, host);
            var parked = Assert.Single(await lot.ListAsync(10, Token));
            Assert.Equal(poison.Id.ToString(), parked.EventId);
            Assert.Equal(EventSerializer.EventTypeName(typeof(ProbeEvent)), parked.EventType);
            Assert.Equal("InvalidOperationException: handler bug", parked.Reason);
            Assert.Equal(MaxAttempts, parked.Attempts);
            Assert.Equal(MaxAttempts, probe.AttemptsFor(poison.Id).Count);
            Assert.NotNull(parked.FirstFailureAt);
            Assert.True(parked.FirstFailureAt < parked.LastFailureAt, $"first failure {parked.FirstFailureAt:O}, last {parked.LastFailureAt:O}");
            // Listing took nothing away.
            Assert.Equal(parked, Assert.Single(await lot.ListAsync(10, Token)));
            Assert.Equal(1u, await lot.CountAsync(Token));
        }

        Fix(poison);
        var replayed = await office.ReplayAllAsync(Token);
        Assert.Equal(1u, replayed.Single(l => l.Subscriber == SubscriberName(realtime)).Events);
        Assert.Equal(1u, replayed.Single(l => l.Subscriber == SubscriberName(worker)).Events);
        await Eventually.TrueAsync(() => _realtimeProbe.SuccessesFor(poison.Id) == 1 && _workerProbe.SuccessesFor(poison.Id) == 1,
            Timeout, "both subscribers handled the replayed event");
    }

    [SkippableFact]
    public async Task DiscardRemovesExactlyOneEventAndReplayingOneDeliversItOnceToTheFixedHandler()
    {
        await using var worker = await StartWorkerLikeAsync();
        var office = worker.Services.GetRequiredService<DeadLetterOffice>();
        var parked = Enumerable.Range(1, 3).Select(i => Failing(new ProbeEvent(Guid.NewGuid(), $"poison {i}"))).ToList();
        foreach (var @event in parked)
        {
            await Bus(worker).PublishAsync(@event, Token);
        }

        await WaitParkedAsync(office, worker, 3);
        var lot = await FindLotAsync(office, worker);

        Assert.True(await lot.DiscardAsync(parked[1].Id.ToString(), Token));
        Assert.False(await lot.DiscardAsync(parked[1].Id.ToString(), Token));
        Assert.Equal([parked[0].Id.ToString(), parked[2].Id.ToString()], (await lot.ListAsync(10, Token)).Select(e => e.EventId));

        Fix(parked[0]);
        Assert.True(await lot.ReplayAsync(parked[0].Id.ToString(), Token));
        await Eventually.TrueAsync(() => _workerProbe.SuccessesFor(parked[0].Id) == 1, Timeout, "the replayed event was handled");
        Assert.Equal([parked[2].Id.ToString()], (await lot.ListAsync(10, Token)).Select(e => e.EventId));
        Assert.Equal(MaxAttempts + 1, _workerProbe.AttemptsFor(parked[0].Id).Count);
        Assert.Equal(MaxAttempts, _workerProbe.AttemptsFor(parked[2].Id).Count);
        Assert.Empty(_workerProbe.AttemptsFor(parked[1].Id).Skip(MaxAttempts));

        Assert.True(await lot.DiscardAsync(parked[2].Id.ToString(), Token));
        Assert.Equal(0u, await lot.CountAsync(Token));
    }

    [SkippableFact]
    public async Task HealthIsDegradedAndTheGaugeCountsWhileAnEventIsParkedAndHealthyOnceItIsGone()
    {
        await using var realtime = await StartRealtimeLikeAsync();
        await using var worker = await StartWorkerLikeAsync();
        var office = worker.Services.GetRequiredService<DeadLetterOffice>();
        var health = worker.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Token)).Status);
        var poison = Failing(new ProbeEvent(Guid.NewGuid(), "poison"));

        await Bus(worker).PublishAsync(poison, Token);
        await WaitParkedAsync(office, realtime, 1);
        await WaitParkedAsync(office, worker, 1);

        var degraded = await health.CheckHealthAsync(Token);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains(SubscriberName(realtime), degraded.Entries["parked-events"].Description, StringComparison.Ordinal);
        Assert.Equal(1L, ParkedGauge(SubscriberName(realtime)));

        foreach (var host in new[] { realtime, worker })
        {
            Assert.True(await (await FindLotAsync(office, host)).DiscardAsync(poison.Id.ToString(), Token));
        }

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Token)).Status);
        Assert.Equal(0L, ParkedGauge(SubscriberName(realtime)));
    }

    public void Dispose() => _testTimeout.Dispose();

    private ProbeEvent Failing(ProbeEvent @event)
    {
        lock (_failing)
        {
            _failing.Add(@event.Id);
        }

        return @event;
    }

    private void Fix(ProbeEvent @event)
    {
        lock (_failing)
        {
            _failing.Remove(@event.Id);
        }
    }

    private Task Fail(ProbeEvent @event)
    {
        lock (_failing)
        {
            return _failing.Contains(@event.Id) ? throw new InvalidOperationException("handler bug") : Task.CompletedTask;
        }
    }

    private static IEventBus Bus(SubscriberHost host) => host.Services.GetRequiredService<IEventBus>();

    private static string SubscriberName(SubscriberHost host) => host.Services.GetRequiredService<ParkingLot>().Subscriber;

    private static async Task<ParkingLot> FindLotAsync(DeadLetterOffice office, SubscriberHost host, CancellationToken cancellationToken = default) =>
        await office.FindAsync(host.Services.GetRequiredService<ParkingLot>().Subscriber, cancellationToken)
        ?? throw new Xunit.Sdk.XunitException("the subscriber is not registered with the dead-letter office");

    private Task WaitParkedAsync(DeadLetterOffice office, SubscriberHost host, uint parked)
    {
        var subscriber = host.Services.GetRequiredService<ParkingLot>().Subscriber;
        return Eventually.TrueAsync(
            async () => (await office.CountAsync(Token)).Any(l => l.Subscriber == subscriber && l.Events == parked),
            Timeout, $"{parked} event(s) parked for {subscriber}");
    }

    /// <summary>What the parked-events gauge reports for one subscriber now.</summary>
    private static long? ParkedGauge(string subscriber)
    {
        long? observed = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "nexuschat.eventbus.parked")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "subscriber" && Equals(tag.Value, subscriber))
                {
                    observed = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }

    private Task<SubscriberHost> StartRealtimeLikeAsync() =>
        StartAsync($"test-rt-{Guid.NewGuid().ToString("N")[..8]}", _realtimeProbe, o => o.ConsumerConcurrency = 4, withOffice: false);

    private Task<SubscriberHost> StartWorkerLikeAsync() =>
        StartAsync($"test-wk-{Guid.NewGuid().ToString("N")[..8]}", _workerProbe, _ => { }, withOffice: true);

    private Task<SubscriberHost> StartAsync(string subscriber, HandlerProbe probe, Action<EventBusOptions> options, bool withOffice)
    {
        RequiredTools.EventBusServers();
        probe.Behaviour = (e, _, _) => Fail(e);
        return SubscriberHost.StartAsync(rabbit, redis, output, subscriber, builder =>
        {
            builder.Services.AddSingleton(probe);
            var bus = builder.AddEventBus(subscriber, o =>
            {
                o.MaxAttempts = MaxAttempts;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                options(o);
            }).AddSubscription<ProbeEvent, ProbeHandler>();
            if (withOffice)
            {
                bus.AddDeadLetterOffice();
            }
        }, Token);
    }
}
