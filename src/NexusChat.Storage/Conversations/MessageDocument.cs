using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

// Element names are fixed so that renaming a property cannot silently change what is stored; dates read back as UTC.
[BsonIgnoreExtraElements]
internal sealed class MessageDocument
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement(MongoConversationStore.ConversationIdField)]
    public required string ConversationId { get; init; }

    [BsonElement(MongoConversationStore.SeqField)]
    public required long Seq { get; init; }

    [BsonElement(MongoConversationStore.SenderIdField)]
    public required string SenderId { get; init; }

    [BsonElement(MongoConversationStore.TextField)]
    public string? Text { get; init; }

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public required DateTime CreatedAt { get; init; }

    [BsonElement("editedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? EditedAt { get; init; }

    [BsonElement("deleted")]
    public required bool Deleted { get; init; }

    [BsonElement("replyToId")]
    public string? ReplyToId { get; init; }

    [BsonElement("mentions")]
    public required List<string> Mentions { get; init; }

    // A list of (emoji, user) pairs in arrival order rather than a document keyed by emoji: an emoji is user input,
    // and field names may not contain '.' or start with '$'.
    [BsonElement("reactions")]
    public required List<ReactionEntry> Reactions { get; init; }

    [BsonElement(MongoConversationStore.ClientMessageIdField)]
    public required string ClientMessageId { get; init; }

    [BsonElement(MongoConversationStore.VersionField)]
    public required long Version { get; init; }

    // Absent on messages stored before attachments existed.
    [BsonElement(MongoConversationStore.AttachmentsField)]
    public List<AttachmentDocument>? Attachments { get; init; }

    [BsonElement(MongoConversationStore.ThreadIdField)]
    [BsonIgnoreIfNull]
    public string? ThreadId { get; init; }

    [BsonElement("alsoToChannel")]
    [BsonIgnoreIfDefault]
    public bool AlsoToChannel { get; init; }

    // On a thread root; absent until the first reply.
    [BsonElement("thread")]
    [BsonIgnoreIfNull]
    public ThreadSummaryDocument? Thread { get; init; }

    // On a call's history message only.
    [BsonElement("call")]
    [BsonIgnoreIfNull]
    public MessageCallDocument? Call { get; init; }

    public static MessageDocument From(MessageRecord message) => new()
    {
        Id = message.Id,
        ConversationId = message.ConversationId,
        Seq = message.Seq,
        SenderId = message.SenderId,
        Text = message.Text,
        CreatedAt = message.CreatedAt.UtcDateTime,
        EditedAt = message.EditedAt?.UtcDateTime,
        Deleted = message.Deleted,
        ReplyToId = message.ReplyToId,
        Mentions = [.. message.Mentions],
        Reactions = [.. message.Reactions.SelectMany(r => r.Value.Select(user => new ReactionEntry { Emoji = r.Key, UserId = user }))],
        ClientMessageId = message.ClientMessageId,
        Version = message.Version,
        Attachments = [.. message.Attachments.Select(AttachmentDocument.From)],
        ThreadId = message.ThreadId,
        AlsoToChannel = message.AlsoToChannel,
        Thread = message.Thread is null ? null : ThreadSummaryDocument.From(message.Thread),
        Call = message.Call is null ? null : MessageCallDocument.From(message.Call),
    };

    public MessageRecord ToRecord() => new(
        Id, ConversationId, Seq, SenderId, Text, new DateTimeOffset(CreatedAt),
        EditedAt is { } edited ? new DateTimeOffset(edited) : null, Deleted, ReplyToId, Mentions,
        Reactions.GroupBy(r => r.Emoji).ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(r => r.UserId)]),
        ClientMessageId, Version)
    {
        Attachments = Attachments is null ? [] : [.. Attachments.Select(a => a.ToRecord())],
        ThreadId = ThreadId,
        AlsoToChannel = AlsoToChannel,
        Thread = Thread?.ToRecord(),
        Call = Call?.ToRecord(),
    };
}
