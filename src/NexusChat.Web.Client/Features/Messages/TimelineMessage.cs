using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

public enum SendState
{
    Sent,
    Pending,
    Failed,
}

/// <summary>
/// A message as the conversation view shows it: stored (with id and seq) or still being sent from this tab
/// (optimistic, known by its client message id until the server answers).
/// </summary>
public sealed record TimelineMessage(
    string? Id,
    long? Seq,
    string ClientMessageId,
    string SenderId,
    string? Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    string? ReplyToId,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<ReactionDto> Reactions,
    long Version,
    SendState State)
{
    /// <summary>The key Blazor tracks the row by: stays the same when a pending message becomes stored.</summary>
    public string Key => ClientMessageId.Length > 0 ? $"c:{ClientMessageId}" : $"m:{Id}";

    /// <summary>What a reply quotes of this message.</summary>
    public string Excerpt =>
        Deleted ? "This message was deleted"
        : Text is { Length: > 80 } text ? string.Concat(text.AsSpan(0, 80), "…")
        : Text ?? string.Empty;

    public bool ReactedWith(string emoji) => Reactions.Any(r => r.Emoji == emoji && r.Me);

    public static TimelineMessage From(MessageDto message) => new(
        message.Id, message.Seq, message.ClientMessageId, message.SenderId, message.Text, message.CreatedAt, message.EditedAt,
        message.Deleted, message.ReplyToId, message.Mentions, message.Reactions, message.Version, SendState.Sent);

    public static TimelineMessage Pending(string clientMessageId, string senderId, string text, string? replyToId, DateTimeOffset now) => new(
        null, null, clientMessageId, senderId, text, now, null, false, replyToId, [], [], 0, SendState.Pending);
}
