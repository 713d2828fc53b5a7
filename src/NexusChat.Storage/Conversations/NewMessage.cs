using NexusChat.Contracts.Calls;

namespace NexusChat.Storage.Conversations;

/// <summary>What a sender supplies; the store assigns the id, seq, time and version.</summary>
public sealed record NewMessage(
    string ConversationId,
    string SenderId,
    string Text,
    string? ReplyToId,
    IReadOnlyList<string> Mentions,
    string ClientMessageId)
{
    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];

    /// <summary>The thread root this message replies in (a top-level message of the same conversation); null: top level.</summary>
    public string? ThreadId { get; init; }

    public bool AlsoToChannel { get; init; }

    /// <summary>A call's history message: what the call is so far.</summary>
    public MessageCallDto? Call { get; init; }
}
