using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

// Element names are fixed so that renaming a property cannot silently change what is stored; dates read back as UTC.
[BsonIgnoreExtraElements]
internal sealed class ThreadSummaryDocument
{
    [BsonElement("replyCount")]
    public required int ReplyCount { get; init; }

    [BsonElement("lastReplyAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime LastReplyAt { get; init; }

    [BsonElement("participantIds")]
    public required List<string> ParticipantIds { get; init; }

    [BsonElement("participantCount")]
    public required int ParticipantCount { get; init; }

    public static ThreadSummaryDocument From(ThreadSummary summary) => new()
    {
        ReplyCount = summary.ReplyCount,
        LastReplyAt = summary.LastReplyAt.UtcDateTime,
        ParticipantIds = [.. summary.ParticipantIds],
        ParticipantCount = summary.ParticipantCount,
    };

    public ThreadSummary ToRecord() => new(ReplyCount, new DateTimeOffset(LastReplyAt), ParticipantIds, ParticipantCount);
}
