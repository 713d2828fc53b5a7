namespace NexusChat.EventBus.Abstractions;

/// <summary>
/// Publishes an event and returns once the broker confirmed it. Services that change state publish through the
/// outbox instead, so an event is never lost between their write and the broker.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken);
}
