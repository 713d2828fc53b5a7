using MongoDB.Bson.Serialization.Attributes;
using NexusChat.Contracts.Calls;

namespace NexusChat.Storage.Conversations;

// Element names are fixed so that renaming a property cannot silently change what is stored; dates read back as UTC.
[BsonIgnoreExtraElements]
internal sealed class MessageCallDocument
{
    [BsonElement("callId")]
    public required string CallId { get; init; }

    [BsonElement("kind")]
    public required string Kind { get; init; }

    [BsonElement("state")]
    public required string State { get; init; }

    [BsonElement("startedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime StartedAt { get; init; }

    [BsonElement("answeredAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    [BsonIgnoreIfNull]
    public DateTime? AnsweredAt { get; init; }

    [BsonElement("endedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    [BsonIgnoreIfNull]
    public DateTime? EndedAt { get; init; }

    [BsonElement("endReason")]
    [BsonIgnoreIfNull]
    public string? EndReason { get; init; }

    [BsonElement("participants")]
    public required List<string> Participants { get; init; }

    public static MessageCallDocument From(MessageCallDto call) => new()
    {
        CallId = call.CallId,
        Kind = call.Kind,
        State = call.State,
        StartedAt = call.StartedAt.UtcDateTime,
        AnsweredAt = call.AnsweredAt?.UtcDateTime,
        EndedAt = call.EndedAt?.UtcDateTime,
        EndReason = call.EndReason,
        Participants = [.. call.Participants],
    };

    public MessageCallDto ToRecord() => new(
        CallId, Kind, State, new DateTimeOffset(StartedAt), AnsweredAt is { } answered ? new DateTimeOffset(answered) : null,
        EndedAt is { } ended ? new DateTimeOffset(ended) : null, EndReason, Participants);
}
