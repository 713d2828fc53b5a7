using System.Text.Json;

namespace NexusChat.EventBus.Abstractions;

/// <summary>
/// The wire form of an event, used by whoever writes it (the store's outbox, <see cref="IEventBus"/>) and whoever
/// reads it (the bus's consumers). Web defaults (camelCase) so the bodies are what other languages expect.
/// </summary>
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
