using System.Diagnostics;
using NexusChat.EventBus.Telemetry;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.Publishing;

/// <summary>Turns an event body into a persistent AMQP message on the events exchange and waits for the broker's confirm.</summary>
internal sealed class EventPublisher(ConfirmedChannel channel, EventBusMetrics metrics) : IEventPublisher
{
    public async Task PublishAsync(Guid eventId, string eventType, ReadOnlyMemory<byte> body, DateTimeOffset createdAt, string? traceParent, CancellationToken cancellationToken)
    {
        var parent = traceParent is null ? default : TraceContextHeaders.Parse(traceParent);
        using var activity = EventBusTelemetry.StartPublish(eventType, eventId, parent);
        var headers = new Dictionary<string, object?>();
        TraceContextHeaders.Inject(activity ?? Activity.Current, traceParent, headers);
        var properties = new BasicProperties
        {
            MessageId = eventId.ToString(),
            Type = eventType,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(createdAt.ToUnixTimeSeconds()),
            Headers = headers,
        };

        try
        {
            // Not mandatory: an event no service subscribes to yet is not an error.
            await channel.PublishAsync(EventBusTopology.Exchange, eventType, mandatory: false, properties, body, cancellationToken);
        }
        catch (Exception exception)
        {
            activity?.AddException(exception);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }

        metrics.Published(eventType);
    }
}
