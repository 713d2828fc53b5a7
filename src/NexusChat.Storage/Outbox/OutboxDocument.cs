using MongoDB.Bson.Serialization.Attributes;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Storage.Outbox;

// The event id is stored as its text form: driver 3 refuses to serialize a Guid without a configured representation.
[BsonIgnoreExtraElements]
internal sealed class OutboxDocument
{
    [BsonId]
    public required string EventId { get; init; }

    [BsonElement("eventType")]
    public required string EventType { get; init; }

    [BsonElement("payload")]
    public required string Payload { get; init; }

    [BsonElement(MongoOutbox.CreatedAtField)]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("traceParent")]
    public string? TraceParent { get; init; }

    // Absent while pending; {publishedAt: null} matches that, and the index on it serves the relay's query.
    [BsonElement(MongoOutbox.PublishedAtField)]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    [BsonIgnoreIfNull]
    public DateTime? PublishedAt { get; init; }

    public static OutboxDocument From(OutboxMessage message) => new()
    {
        EventId = message.EventId.ToString("D"),
        EventType = message.EventType,
        Payload = message.Payload,
        CreatedAt = message.CreatedAt.UtcDateTime,
        TraceParent = message.TraceParent,
    };

    public OutboxMessage ToMessage() => new(Guid.Parse(EventId), EventType, Payload, new DateTimeOffset(CreatedAt), TraceParent);
}
