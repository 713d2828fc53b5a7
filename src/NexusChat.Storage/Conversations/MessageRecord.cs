using NexusChat.Contracts.Calls;

namespace NexusChat.Storage.Conversations;

/// <summary>A message as stored; a deleted message stays as a tombstone so syncing clients learn of the delete.</summary>
/// <param name="Seq">Position in the conversation: 1, 2, 3, … with no gaps.</param>
/// <param name="Text">Null when deleted.</param>
/// <param name="Mentions">Ids of the users mentioned; empty when deleted.</param>
/// <param name="Reactions">Emoji → ids of the users who reacted with it, both in the order the reactions arrived.</param>
/// <param name="ClientMessageId">The sender's id for the send; a repeated send with it returns this message.</param>
/// <param name="Version">The conversation's <see cref="ConversationRecord.Version"/> at this message's latest change.</param>
public sealed record MessageRecord(
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
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions,
    string ClientMessageId,
    long Version)
{
    /// <summary>The files sent with the message, in the order sent; empty when deleted (a tombstone grants no download).</summary>
    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];

    /// <summary>The root's id when this message is a thread reply; null for a top-level message.</summary>
    public string? ThreadId { get; init; }

    /// <summary>A thread reply that is also shown in the conversation's main timeline.</summary>
    public bool AlsoToChannel { get; init; }

    /// <summary>On a thread root: its replies so far; null while it has none.</summary>
    public ThreadSummary? Thread { get; init; }

    /// <summary>On a call's history message: what the call was (changed only by <see cref="MessageCallChange"/>); null otherwise.</summary>
    public MessageCallDto? Call { get; init; }

    /// <summary>Whether the message belongs in the conversation's main timeline (not a reply kept to its thread).</summary>
    public bool InChannel => ThreadId is null || AlsoToChannel;
}
