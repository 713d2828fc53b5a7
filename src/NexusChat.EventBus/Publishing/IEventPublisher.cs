namespace NexusChat.EventBus.Publishing;

/// <summary>
/// Publishes one event body and returns once the broker confirmed it (<see cref="EventPublisher"/>). An interface so the
/// outbox relay's bookkeeping can be tested without a broker.
/// </summary>
internal interface IEventPublisher
{
    Task PublishAsync(Guid eventId, string eventType, ReadOnlyMemory<byte> body, DateTimeOffset createdAt, string? traceParent, CancellationToken cancellationToken);
}
