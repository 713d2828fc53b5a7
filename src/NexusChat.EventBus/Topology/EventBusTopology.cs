using RabbitMQ.Client;

namespace NexusChat.EventBus.Topology;

/// <summary>The exchange every event goes through; each subscriber binds its own queue to the event types it handles.</summary>
public static class EventBusTopology
{
    public const string Exchange = "nexuschat.events";

    /// <summary>How many attempts a delivery that keeps killing its consumer (no ack, no nack) gets before it is parked.</summary>
    public const int DeliveryLimit = 20;

    public const string RetryCountHeader = "x-retry-count";

    internal static Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
}
