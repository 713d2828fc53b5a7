using System.Text.Json;
using NexusChat.EventBus.Events;

namespace NexusChat.EventBus.Serialization;

/// <summary>Web defaults (camelCase) so the bodies match what the outbox stores and what other languages expect.</summary>
public static class EventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The routing key and AMQP type of an event: its type name.</summary>
    public static string EventTypeName(Type eventType) => eventType.Name;

    public static string Serialize(IntegrationEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), Options);

    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> body, Type eventType) =>
        (IntegrationEvent?)JsonSerializer.Deserialize(body, eventType, Options)
        ?? throw new JsonException($"The body of a {eventType.Name} is null.");
}
