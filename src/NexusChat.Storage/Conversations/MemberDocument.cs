using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

// Element names are fixed so that renaming a property cannot silently change what is stored; dates read back as UTC.
[BsonIgnoreExtraElements]
internal sealed class MemberDocument
{
    [BsonId]
    public ObjectId Id { get; init; }

    [BsonElement(MongoConversationStore.ConversationIdField)]
    public required string ConversationId { get; init; }

    [BsonElement(MongoConversationStore.UserIdField)]
    public required string UserId { get; init; }

    [BsonElement("role")]
    public required string Role { get; init; }

    [BsonElement("lastReadSeq")]
    public required long LastReadSeq { get; init; }

    [BsonElement("joinedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime JoinedAt { get; init; }

    // The member's place in the conversation's join order, from the conversation's lastJoinSeq counter: join times
    // from different replicas (and ObjectIds, whose order across processes is random within a second) do not give
    // the order the joins committed in. Absent (0, first) on members stored before it existed.
    [BsonElement(MongoConversationStore.JoinSeqField)]
    [BsonIgnoreIfDefault]
    public long JoinSeq { get; init; }

    // Absent on members stored before mute existed, which reads as not muted.
    [BsonElement("muted")]
    [BsonIgnoreIfDefault]
    public bool Muted { get; init; }

    public static MemberDocument From(MemberRecord member, long joinSeq) => new()
    {
        JoinSeq = joinSeq,
        Id = ObjectId.GenerateNewId(),
        ConversationId = member.ConversationId,
        UserId = member.UserId,
        Role = member.Role,
        LastReadSeq = member.LastReadSeq,
        JoinedAt = member.JoinedAt.UtcDateTime,
        Muted = member.Muted,
    };

    public MemberRecord ToRecord() => new(ConversationId, UserId, Role, LastReadSeq, new DateTimeOffset(JoinedAt), Muted);
}
