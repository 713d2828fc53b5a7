using System.Text;
using NexusChat.EventBus.Abstractions;

namespace NexusChat.EventBus.Publishing;

internal sealed class RabbitMqEventBus(IEventPublisher publisher) : IEventBus
{
    public Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var body = Encoding.UTF8.GetBytes(EventSerializer.Serialize(@event));
        return publisher.PublishAsync(@event.Id, EventSerializer.EventTypeName(@event.GetType()), body, @event.CreationDate,
            traceParent: null, cancellationToken);
    }
}
