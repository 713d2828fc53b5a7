using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Attachments;

public static class AttachmentMetadata
{
    /// <summary>The type a file is described and served with when the uploader declared none.</summary>
    public const string UnknownType = "application/octet-stream";

    /// <summary>What a message keeps of the file: a name and a type always, so every client can show and save it.</summary>
    public static AttachmentRecord ToAttachment(this FileRecord file) => new(
        file.Id,
        string.IsNullOrWhiteSpace(file.Name) ? file.Id : file.Name,
        string.IsNullOrWhiteSpace(file.ContentType) ? UnknownType : file.ContentType,
        file.Size,
        file.Sha256);
}
