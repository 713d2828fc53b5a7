using System.Diagnostics;

namespace NexusChat.EventBus.Abstractions.Outbox;

/// <summary>An event written in the same transaction as the state change it announces, waiting to be published.</summary>
/// <param name="EventId">The event's <see cref="IntegrationEvent.Id"/>, kept on every republish so consumers can drop duplicates.</param>
/// <param name="EventType">The event's type name, which is also its routing key.</param>
/// <param name="Payload">The event as JSON (<see cref="EventSerializer.Serialize"/>).</param>
/// <param name="TraceParent">W3C traceparent of the request that wrote it, so consumers join that trace.</param>
public sealed record OutboxMessage(Guid EventId, string EventType, string Payload, DateTimeOffset CreatedAt, string? TraceParent)
{
    /// <summary>The outbox entry of <paramref name="event"/>, carrying the trace of the change that raised it.</summary>
    public static OutboxMessage For(IntegrationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new(@event.Id, EventSerializer.EventTypeName(@event.GetType()), EventSerializer.Serialize(@event), @event.CreationDate,
            Activity.Current?.Id);
    }
}
