namespace NexusChat.Contracts.Conversations;

/// <param name="ClientMessageId">The sender's id for this send (1–64 of letters, digits, '-', '_'); a retry with it by the same sender returns the stored message.</param>
/// <param name="Attachments">Ids of the sender's completed uploads (the <c>Upload-File-Id</c> of each), at most 10.</param>
public sealed record SendMessageRequest(string? Text, string? ClientMessageId, string? ReplyToId, IReadOnlyList<string>? Attachments = null);

public sealed record EditMessageRequest(string? Text);

/// <summary>A message as every API and event shows it.</summary>
/// <param name="Text">Null when deleted (a tombstone, kept so syncing clients learn of the delete).</param>
/// <param name="Version">The conversation's change cursor at this message's latest change.</param>
public sealed record MessageDto(
    string Id,
    string ConversationId,
    long Seq,
    string SenderId,
    string? Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    string? ReplyToId,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<ReactionDto> Reactions,
    string ClientMessageId,
    IReadOnlyList<AttachmentDto> Attachments,
    long Version);

/// <param name="Me">Whether the caller is among those who reacted.</param>
public sealed record ReactionDto(string Emoji, int Count, bool Me);

/// <summary>A file attached to a message; <c>GET /api/files/{Id}</c> downloads it for the conversation's members.</summary>
/// <param name="Id">The file id an upload completed with.</param>
/// <param name="ContentType">As the uploader declared it (application/octet-stream when they did not).</param>
/// <param name="Sha256">The content's sha256, lowercase hex; also the download's ETag.</param>
/// <param name="Width">Pixels, for images once processed; null until then and for other files.</param>
/// <param name="PreviewState">
/// "pending" until the worker has processed the file, then "ready" (an image with a thumbnail at
/// <c>GET /api/files/{Id}/thumbnail</c>, Width and Height set) or "none" (not an image, or one that cannot be previewed).
/// </param>
public sealed record AttachmentDto(
    string Id, string FileName, string ContentType, long Size, string Sha256, int? Width, int? Height, string PreviewState);

public static class AttachmentLimits
{
    public const int MaxPerMessage = 10;
}

public static class PreviewStates
{
    public const string Pending = "pending";

    public const string Ready = "ready";

    public const string None = "none";
}
