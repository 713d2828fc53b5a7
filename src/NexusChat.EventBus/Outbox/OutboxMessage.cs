namespace NexusChat.EventBus.Outbox;

/// <summary>An event written in the same transaction as the state change it announces, waiting to be published.</summary>
/// <param name="EventType">The event's type name, which is also its routing key.</param>
/// <param name="Payload">The event as JSON (<see cref="Serialization.EventSerializer.Serialize"/>).</param>
/// <param name="TraceParent">W3C traceparent of the request that wrote it, so consumers join that trace.</param>
public sealed record OutboxMessage(Guid EventId, string EventType, string Payload, DateTimeOffset CreatedAt, string? TraceParent);
