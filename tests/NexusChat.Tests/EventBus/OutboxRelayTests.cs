using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.Outbox;
using NexusChat.EventBus.Topology;
using NexusChat.Tests.Infrastructure;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace NexusChat.Tests.EventBus;

[Collection(EventBusCollection.Name)]
public sealed class OutboxRelayTests(RabbitMqServerFixture rabbit, RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromSeconds(60));
    private readonly InMemoryOutboxStore _outbox = new();

    private CancellationToken Token => _testTimeout.Token;

    [SkippableFact]
    public async Task TheRelayPublishesPendingMessagesAndMarksThemPublishedOnlyAfterTheBrokerConfirmedThem()
    {
        SkipWithoutServers();
        var eventType = $"RelayProbe{Guid.NewGuid():N}";
        var queue = $"test.relay.{eventType}";
        await using var connection = await rabbit.ConnectAsync("relay-test", Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);
        await DeclareQueueForAsync(channel, queue, eventType);
        var trace = ActivityTraceId.CreateRandom();
        var messages = Enumerable.Range(1, 3)
            .Select(n => new OutboxMessage(Guid.NewGuid(), eventType, $$"""{"n":{{n}}}""", DateTimeOffset.UtcNow, $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"))
            .ToList();
        messages.ForEach(_outbox.Add);
        var inQueueWhenMarking = new List<(int Marking, uint InQueue)>();
        _outbox.BeforeMarking = async (ids, cancellationToken) =>
            inQueueWhenMarking.Add((_outbox.Marked.Count + ids.Count, await channel.MessageCountAsync(queue, cancellationToken)));

        await using var host = await StartRelayAsync(NewSubscriberName());

        await Eventually.TrueAsync(() => _outbox.PendingCount == 0, Timeout, "the outbox was relayed");
        // Marked together once confirmed, in no particular order.
        Assert.Equal(messages.Select(m => m.EventId).Order(), _outbox.Marked.Order());
        Assert.All(inQueueWhenMarking, m => Assert.True(m.InQueue >= m.Marking, $"{m.Marking} marked with {m.InQueue} in the queue"));
        // A batch is published at once, so the broker may hold a batch's events in any order (consumers do not rely on it).
        var deliveries = new Dictionary<string, BasicGetResult>();
        for (var i = 0; i < messages.Count; i++)
        {
            var delivered = await channel.BasicGetAsync(queue, autoAck: true, Token);
            Assert.NotNull(delivered);
            deliveries.Add(delivered.BasicProperties.MessageId!, delivered);
        }

        foreach (var message in messages)
        {
            Assert.True(deliveries.TryGetValue(message.EventId.ToString(), out var delivered), $"{message.EventId} was not published");
            Assert.Equal(eventType, delivered.BasicProperties.Type);
            Assert.Equal(DeliveryModes.Persistent, delivered.BasicProperties.DeliveryMode);
            Assert.Equal(message.Payload, Encoding.UTF8.GetString(delivered.Body.Span));
            var traceParent = Encoding.UTF8.GetString((byte[])delivered.BasicProperties.Headers!["traceparent"]!);
            Assert.Equal(trace.ToString(), traceParent.Split('-')[1]);
        }
    }

    [SkippableFact]
    public async Task WhileTheBrokerIsDownTheRelayKeepsMessagesPendingAndDeliversEachOnceWhenItIsBack()
    {
        SkipWithoutServers();
        var probe = new HandlerProbe();
        await using var host = await StartRelayAsync(NewSubscriberName(), bus =>
        {
            bus.Services.AddSingleton(probe);
            bus.AddSubscription<ProbeEvent, ProbeHandler>();
        });
        var events = Enumerable.Range(1, 5).Select(n => new ProbeEvent(Guid.NewGuid(), $"sent during the outage {n}")).ToList();

        await rabbit.StopAsync(Token);
        try
        {
            foreach (var posted in events)
            {
                _outbox.Add(new OutboxMessage(posted.Id, nameof(ProbeEvent), EventSerializer.Serialize(posted), posted.CreationDate, TraceParent: null));
            }

            await Task.Delay(Outage, Token);
            Assert.Equal(events.Count, _outbox.PendingCount);
            Assert.Empty(_outbox.Marked);
        }
        finally
        {
            using var restart = new CancellationTokenSource(RabbitMqServerFixture.StartTimeout);
            await rabbit.StartAsync(restart.Token);
        }

        await Eventually.TrueAsync(() => _outbox.PendingCount == 0 && events.All(e => probe.SuccessesFor(e.Id) == 1), TimeSpan.FromSeconds(30),
            "every message written during the outage was published and handled");
        var sentinel = new ProbeEvent(Guid.NewGuid(), "sentinel");
        await host.Services.GetRequiredService<IEventBus>().PublishAsync(sentinel, Token);
        await Eventually.TrueAsync(() => probe.SuccessesFor(sentinel.Id) == 1, Timeout, "the event published last was handled");
        Assert.All(events, e => Assert.Single(probe.AttemptsFor(e.Id)));
    }

    public void Dispose() => _testTimeout.Dispose();

    private static string NewSubscriberName() => $"test-{Guid.NewGuid().ToString("N")[..8]}";

    private static void SkipWithoutServers() => RequiredTools.EventBusServers();

    /// <summary>A queue of the test's own on the events exchange, which nobody consumes, to see what the relay published.</summary>
    private async Task DeclareQueueForAsync(IChannel channel, string queue, string routingKey)
    {
        await channel.ExchangeDeclareAsync(EventBusTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: Token);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: Token);
        await channel.QueueBindAsync(queue, EventBusTopology.Exchange, routingKey, cancellationToken: Token);
    }

    private Task<SubscriberHost> StartRelayAsync(string subscriber, Action<EventBusBuilder>? subscribe = null) =>
        SubscriberHost.StartAsync(rabbit, redis, output, subscriber, builder =>
        {
            builder.Services.AddSingleton<IOutboxStore>(_outbox);
            var bus = builder.AddEventBus(subscriber).AddOutboxRelay(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.MaxBackoff = TimeSpan.FromSeconds(1);
            });
            subscribe?.Invoke(bus);
        }, Token);
}
