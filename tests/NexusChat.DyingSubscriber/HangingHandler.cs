using NexusChat.EventBus.Abstractions;

namespace NexusChat.DyingSubscriber;

/// <summary>The test's event, declared again here: the bus routes and reads an event by its type name and JSON shape.</summary>
public sealed record ProbeEvent(Guid ConversationId, string Text) : IntegrationEvent;

/// <summary>Announces the event it took, then never finishes, so the delivery stays unacknowledged until the kill.</summary>
public sealed class HangingHandler : IIntegrationEventHandler<ProbeEvent>
{
    public async Task HandleAsync(ProbeEvent @event, CancellationToken cancellationToken)
    {
        Console.WriteLine($"handling {@event.Id}");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
