namespace NexusChat.Storage.Conversations;

/// <summary>
/// A file a message carries, copied from the completed upload when the message was sent, so the message describes it
/// (and grants its download) however long the upload's own record lives.
/// </summary>
/// <param name="FileId">The id the upload completed with; what <c>GET /api/files/{id}</c> takes.</param>
/// <param name="Sha256">The content's key in the file store (lowercase hex).</param>
public sealed record AttachmentRecord(string FileId, string Name, string ContentType, long Size, string Sha256)
{
    /// <summary>Pending when sent; the worker sets it once (<see cref="IConversationStore.SetAttachmentPreviewAsync"/>).</summary>
    public AttachmentPreview Preview { get; init; } = AttachmentPreview.Pending;
}
