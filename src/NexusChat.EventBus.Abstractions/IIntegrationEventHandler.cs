namespace NexusChat.EventBus.Abstractions;

/// <summary>
/// Reacts to one event type. The message is acknowledged only after this completes, so throwing means
/// "try again later" (with back-off, then the parking lot).
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
