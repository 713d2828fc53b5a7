using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

// Element names are fixed here so that renaming a property cannot silently change what is stored. A BSON date is an
// instant in UTC milliseconds; reading it as UTC keeps it independent of this host's zone.
// Every stored type ignores elements it does not know: in a rolling deploy a newer build's replica writes fields an
// older build must read past (MongoStoreLifecycle lets replicas of different builds share the database).
[BsonIgnoreExtraElements]
internal sealed class ConversationDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement(MongoConversationStore.TypeField)]
    public required string Type { get; init; }

    [BsonElement(MongoConversationStore.NameField)]
    public string? Name { get; init; }

    // The upper-invariant name (see ChannelNames), so the public directory's case-insensitive prefix search is an
    // anchored case-sensitive match the index bounds. Absent on direct conversations.
    [BsonElement(MongoConversationStore.NormalizedNameField)]
    [BsonIgnoreIfNull]
    public string? NormalizedName { get; init; }

    [BsonElement("topic")]
    public string? Topic { get; init; }

    [BsonElement(MongoConversationStore.VisibilityField)]
    public string? Visibility { get; init; }

    // Absent on channels, so the partial unique index on it covers direct conversations only.
    [BsonElement(MongoConversationStore.DirectKeyField)]
    [BsonIgnoreIfNull]
    public string? DirectKey { get; init; }

    [BsonElement("createdBy")]
    public required string CreatedBy { get; init; }

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("lastActivityAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime LastActivityAt { get; init; }

    [BsonElement("lastSeq")]
    public required long LastSeq { get; init; }

    [BsonElement("version")]
    public required long Version { get; init; }

    // The last join's place in the member order (see MemberDocument.JoinSeq); absent on conversations stored before it.
    [BsonElement(MongoConversationStore.LastJoinSeqField)]
    [BsonIgnoreIfDefault]
    public long LastJoinSeq { get; init; }

    public static ConversationDocument From(ConversationRecord conversation, string? directKey, long lastJoinSeq) => new()
    {
        LastJoinSeq = lastJoinSeq,
        Id = conversation.Id,
        Type = conversation.Type,
        Name = conversation.Name,
        NormalizedName = ChannelNames.Normalize(conversation.Name),
        Topic = conversation.Topic,
        Visibility = conversation.Visibility,
        DirectKey = directKey,
        CreatedBy = conversation.CreatedBy,
        CreatedAt = conversation.CreatedAt.UtcDateTime,
        LastActivityAt = conversation.LastActivityAt.UtcDateTime,
        LastSeq = conversation.LastSeq,
        Version = conversation.Version,
    };

    public ConversationRecord ToRecord() => new(
        Id, Type, Name, Topic, Visibility, CreatedBy, new DateTimeOffset(CreatedAt), new DateTimeOffset(LastActivityAt), LastSeq, Version);
}
