using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Calls;
using NexusChat.Web.Client.Features.Formatting;

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
    SendState State,
    IReadOnlyList<AttachmentDto> Attachments)
{
    /// <summary>The root's id when this is a thread reply.</summary>
    public string? ThreadId { get; init; }

    /// <summary>A thread reply also shown in the main timeline.</summary>
    public bool AlsoToChannel { get; init; }

    /// <summary>On a thread root: its replies so far; null while it has none.</summary>
    public ThreadSummaryDto? Thread { get; init; }

    /// <summary>On a call's history message: what the call was. Nobody edits or deletes such a message.</summary>
    public MessageCallDto? Call { get; init; }

    /// <summary>Whether the main timeline shows it: thread replies stay in their thread unless also sent to the channel.</summary>
    public bool InChannel => ThreadId is null || AlsoToChannel;

    /// <summary>The key Blazor tracks the row by: stays the same when a pending message becomes stored.</summary>
    public string Key => ClientMessageId.Length > 0 ? $"c:{ClientMessageId}" : $"m:{Id}";

    /// <summary>What a reply quotes of this message: its text without the Markdown, cut at 80 characters (a call: its kind).</summary>
    public string Excerpt => Deleted ? "This message was deleted"
        : Call is { } call ? CallHistoryText.KindName(call)
        : Shorten(MarkdownPlainText.Of(Text ?? string.Empty));

    private static string Shorten(string plain) => plain.Length > 80 ? string.Concat(plain.AsSpan(0, 80), "…") : plain;

    /// <summary>
    /// This message with the previews <paramref name="attachments"/> report for files still pending here; null when
    /// they report none. A preview only ever goes from pending to ready or none.
    /// </summary>
    public TimelineMessage? WithPreviewsFrom(IReadOnlyList<AttachmentDto> attachments)
    {
        var processed = attachments.Where(a => a.PreviewState != PreviewStates.Pending).DistinctBy(a => a.Id).ToDictionary(a => a.Id, StringComparer.Ordinal);
        if (!Attachments.Any(a => a.PreviewState == PreviewStates.Pending && processed.ContainsKey(a.Id)))
        {
            return null;
        }

        return this with
        {
            Attachments = [.. Attachments.Select(a => a.PreviewState == PreviewStates.Pending ? processed.GetValueOrDefault(a.Id) ?? a : a)],
        };
    }

    public bool ReactedWith(string emoji) => Reactions.Any(r => r.Emoji == emoji && r.Me);

    public static TimelineMessage From(MessageDto message) => new(
        message.Id, message.Seq, message.ClientMessageId, message.SenderId, message.Text, message.CreatedAt, message.EditedAt,
        message.Deleted, message.ReplyToId, message.Mentions, message.Reactions, message.Version, SendState.Sent, message.Attachments)
    {
        ThreadId = message.ThreadId, AlsoToChannel = message.AlsoToChannel, Thread = message.Thread, Call = message.Call,
    };

    /// <param name="attachments">The uploaded files it carries, shown as this tab knows them until the server's copy arrives.</param>
    public static TimelineMessage Pending(
        string clientMessageId, string senderId, string text, string? replyToId, DateTimeOffset now, IReadOnlyList<AttachmentDto>? attachments = null) =>
        new(null, null, clientMessageId, senderId, text, now, null, false, replyToId, [], [], 0, SendState.Pending, attachments ?? []);
}
