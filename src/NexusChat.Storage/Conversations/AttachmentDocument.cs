using MongoDB.Bson.Serialization.Attributes;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Storage.Conversations;

[BsonIgnoreExtraElements]
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

    // The preview's fields are absent while it is pending (and on attachments stored before previews existed).
    [BsonElement("previewState"), BsonIgnoreIfNull]
    public string? PreviewState { get; init; }

    [BsonElement("width"), BsonIgnoreIfNull]
    public int? Width { get; init; }

    [BsonElement("height"), BsonIgnoreIfNull]
    public int? Height { get; init; }

    [BsonElement("thumbnailSha256"), BsonIgnoreIfNull]
    public string? ThumbnailSha256 { get; init; }

    [BsonElement("thumbnailContentType"), BsonIgnoreIfNull]
    public string? ThumbnailContentType { get; init; }

    public static AttachmentDocument From(AttachmentRecord attachment) => new()
    {
        FileId = attachment.FileId, Name = attachment.Name, ContentType = attachment.ContentType, Size = attachment.Size,
        Sha256 = attachment.Sha256,
        PreviewState = attachment.Preview.State == PreviewStates.Pending ? null : attachment.Preview.State,
        Width = attachment.Preview.Width, Height = attachment.Preview.Height,
        ThumbnailSha256 = attachment.Preview.ThumbnailSha256, ThumbnailContentType = attachment.Preview.ThumbnailContentType,
    };

    public AttachmentRecord ToRecord() => new(FileId, Name, ContentType, Size, Sha256)
    {
        Preview = PreviewState is null
            ? AttachmentPreview.Pending
            : new AttachmentPreview(PreviewState, Width, Height, ThumbnailSha256, ThumbnailContentType),
    };
}
