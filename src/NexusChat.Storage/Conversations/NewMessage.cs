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
}
