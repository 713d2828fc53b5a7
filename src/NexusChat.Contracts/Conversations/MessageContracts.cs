namespace NexusChat.Contracts.Conversations;

/// <param name="ClientMessageId">The sender's id for this send (1–64 of letters, digits, '-', '_'); a retry with it by the same sender returns the stored message.</param>
public sealed record SendMessageRequest(string? Text, string? ClientMessageId, string? ReplyToId);

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

/// <summary>A file attached to a message (uploads arrive with their own issue; empty until then).</summary>
public sealed record AttachmentDto(string Id, string FileName, string ContentType, long Size);
