using Microsoft.Extensions.DependencyInjection;
using NexusChat.EventBus.Abstractions;

namespace NexusChat.EventBus.Configuration;

/// <summary>
/// Routing key (event type name) to the event's CLR type and the handler that reacts to it. One handler per event
/// type: the processed-event record is per subscriber and event, so a second handler would be skipped on retries.
/// </summary>
public sealed class EventSubscriptions
{
    private readonly Dictionary<string, EventSubscription> _byRoutingKey = [];

    public IEnumerable<string> RoutingKeys => _byRoutingKey.Keys;

    public bool IsEmpty => _byRoutingKey.Count == 0;

    internal bool TryGet(string routingKey, out EventSubscription subscription) =>
        _byRoutingKey.TryGetValue(routingKey, out subscription!);

    internal void Add<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var routingKey = EventSerializer.EventTypeName(typeof(TEvent));
        if (_byRoutingKey.TryGetValue(routingKey, out var existing) && existing.HandlerType != typeof(THandler))
        {
            throw new InvalidOperationException(
                $"{routingKey} is already handled by {existing.HandlerType.Name}; a subscriber has one handler per event type.");
        }

        _byRoutingKey[routingKey] = new EventSubscription(typeof(TEvent), typeof(THandler),
            (services, @event, cancellationToken) => services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, cancellationToken));
    }
}

internal sealed record EventSubscription(
    Type EventType,
    Type HandlerType,
    Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> HandleAsync);
