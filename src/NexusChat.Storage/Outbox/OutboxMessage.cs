using System.Diagnostics;
using System.Text.Json;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Storage.Outbox;

/// <summary>An event saved with the change it describes, waiting for the relay to publish it.</summary>
/// <param name="EventType">The event record's type name, e.g. "MessageCreated".</param>
/// <param name="Payload">The event as JSON (web defaults: camelCase).</param>
/// <param name="TraceParent">The W3C trace context of the change, so the published event continues its trace.</param>
/// <param name="PublishedAt">When the broker confirmed it; null while pending.</param>
public sealed record OutboxMessage(
    Guid EventId,
    string EventType,
    string Payload,
    DateTimeOffset CreatedAt,
    string? TraceParent,
    DateTimeOffset? PublishedAt)
{
    public static OutboxMessage For(ConversationEvent @event)
    {
        var type = @event.GetType();
        return new(
            @event.Id,
            type.Name,
            JsonSerializer.Serialize(@event, type, JsonSerializerOptions.Web),
            @event.CreationDate,
            Activity.Current?.Id,
            PublishedAt: null);
    }
}
