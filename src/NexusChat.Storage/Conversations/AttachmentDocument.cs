using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

internal sealed class AttachmentDocument
{
    [BsonElement(MongoConversationStore.FileIdField)]
    public required string FileId { get; init; }

    [BsonElement("name")]
    public required string Name { get; init; }

    [BsonElement("contentType")]
    public required string ContentType { get; init; }

    [BsonElement("size")]
    public required long Size { get; init; }

    [BsonElement("sha256")]
    public required string Sha256 { get; init; }

    public static AttachmentDocument From(AttachmentRecord attachment) => new()
    {
        FileId = attachment.FileId, Name = attachment.Name, ContentType = attachment.ContentType, Size = attachment.Size,
        Sha256 = attachment.Sha256,
    };

    public AttachmentRecord ToRecord() => new(FileId, Name, ContentType, Size, Sha256);
}
