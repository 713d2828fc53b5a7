using NexusChat.Contracts.Calls;

namespace NexusChat.Contracts.Conversations;

/// <param name="ClientMessageId">The sender's id for this send (1–64 of letters, digits, '-', '_'); a retry with it by the same sender returns the stored message.</param>
/// <param name="Attachments">Ids of the sender's completed uploads (the <c>Upload-File-Id</c> of each), at most 10.</param>
/// <param name="ThreadId">Reply in the thread of this message (a top-level, not deleted message of the conversation).</param>
/// <param name="AlsoToChannel">With <paramref name="ThreadId"/>: show the reply in the main timeline too.</param>
public sealed record SendMessageRequest(
    string? Text, string? ClientMessageId, string? ReplyToId, IReadOnlyList<string>? Attachments = null,
    string? ThreadId = null, bool AlsoToChannel = false);

public sealed record EditMessageRequest(string? Text);

/// <summary>A message as every API and event shows it.</summary>
/// <param name="Text">Null when deleted (a tombstone, kept so syncing clients learn of the delete).</param>
/// <param name="Version">The conversation's change cursor at this message's latest change (a thread root's changes when a reply comes or goes).</param>
/// <param name="ThreadId">The root's id when this is a thread reply.</param>
/// <param name="AlsoToChannel">A thread reply that also shows in the main timeline; the others show in their thread only.</param>
/// <param name="Thread">On a thread root: its replies so far; null while it has none.</param>
/// <param name="Call">
/// On a call's history message (posted by the caller when the call starts, updated as it is answered, joined and ended;
/// its text is empty and nobody may edit or delete it): what the call was. Null on every other message.
/// </param>
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
    long Version,
    string? ThreadId = null,
    bool AlsoToChannel = false,
    ThreadSummaryDto? Thread = null,
    MessageCallDto? Call = null);

/// <summary>What a thread root shows about its replies.</summary>
/// <param name="ReplyCount">Replies that are not deleted.</param>
/// <param name="LastReplyAt">The latest reply's time (a deleted reply does not move it back).</param>
/// <param name="ParticipantIds">The first five users who replied, in the order they first did.</param>
/// <param name="ParticipantCount">How many different users ever replied.</param>
public sealed record ThreadSummaryDto(int ReplyCount, DateTimeOffset LastReplyAt, IReadOnlyList<string> ParticipantIds, int ParticipantCount);

/// <summary>A page of a thread: its root and replies, oldest first.</summary>
/// <param name="Next">
/// The cursor for the following page in the direction asked, or null at the end: with <c>before</c> (or no cursor) the
/// lowest seq of this page, to load earlier replies; with <c>after</c> the highest.
/// </param>
public sealed record ThreadPageDto(MessageDto Root, IReadOnlyList<MessageDto> Replies, string? Next);

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
