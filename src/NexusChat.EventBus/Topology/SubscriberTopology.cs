using NexusChat.EventBus.Configuration;
using RabbitMQ.Client;

namespace NexusChat.EventBus.Topology;

/// <summary>
/// One subscriber's queues: the quorum queue it consumes, a delay queue per retry interval whose expired messages
/// flow back into it, and a parking lot fed by its dead-letter exchange. Every argument is derived from names and
/// constants, never from settings that may change, because redeclaring a queue with other arguments is refused.
/// </summary>
public sealed class SubscriberTopology(EventBusOptions options)
{
    public string Subscriber { get; } = options.SubscriberName;

    public string Queue => QueueName(Subscriber);

    public string ParkingQueue => ParkingQueueName(Subscriber);

    /// <summary>The naming rule every subscriber's queues follow, which lets the worker find any subscriber's parking lot by name.</summary>
    public static string QueueName(string subscriber) => $"nexuschat.{subscriber}";

    public static string ParkingQueueName(string subscriber) => $"{QueueName(subscriber)}.parking";

    public string DeadLetterExchange => $"{Queue}.dead-letter";

    public TimeSpan RetryDelay(int failedAttempts) => options.RetryDelay(failedAttempts);

    // The delay is in the name, so changing the back-off settings declares new queues instead of conflicting ones.
    public string RetryQueue(int failedAttempts) => RetryQueueName(RetryDelayMilliseconds(failedAttempts));

    internal async Task DeclareAsync(IChannel channel, IEnumerable<string> routingKeys, CancellationToken cancellationToken)
    {
        await EventBusTopology.DeclareExchangeAsync(channel, cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await DeclareQuorumQueueAsync(channel, ParkingQueue, new Dictionary<string, object?>(), cancellationToken);
        await channel.QueueBindAsync(ParkingQueue, DeadLetterExchange, routingKey: "", cancellationToken: cancellationToken);

        await DeclareQuorumQueueAsync(channel, Queue, new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            // Quorum queues drop dead letters the parking lot cannot take unless told to keep them until it can.
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish",
            ["x-delivery-limit"] = EventBusTopology.DeliveryLimit,
        }, cancellationToken);
        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(Queue, EventBusTopology.Exchange, routingKey, cancellationToken: cancellationToken);
        }

        foreach (var delay in Enumerable.Range(1, options.MaxAttempts - 1).Select(RetryDelayMilliseconds).Distinct())
        {
            await DeclareRetryQueueAsync(channel, delay, cancellationToken);
        }
    }

    private long RetryDelayMilliseconds(int failedAttempts) => (long)RetryDelay(failedAttempts).TotalMilliseconds;

    private string RetryQueueName(long delayMilliseconds) => $"{Queue}.retry.{delayMilliseconds}ms";

    private async Task DeclareRetryQueueAsync(IChannel channel, long delay, CancellationToken cancellationToken)
    {
        // Nobody consumes a retry queue: a message waits out the queue's TTL, then the default exchange routes it
        // back to the subscriber's queue by name. One queue per delay keeps expiry in order (TTL applies at the head).
        await channel.QueueDeclareAsync(RetryQueueName(delay), durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-message-ttl"] = delay,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = Queue,
        }, cancellationToken: cancellationToken);
    }

    private static Task DeclareQuorumQueueAsync(IChannel channel, string queue, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        arguments["x-queue-type"] = "quorum";
        return channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
    }
}
