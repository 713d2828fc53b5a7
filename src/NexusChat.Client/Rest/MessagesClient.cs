using System.Globalization;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Client.Rest;

/// <summary>/api/conversations/{id}/messages: history, sends (the fallback while the hub is away), edits, deletes, reactions.</summary>
public sealed class MessagesClient(RestTransport transport)
{
    public const int MaxPageSize = 100;

    /// <summary>Newest first: the latest messages, or those below <paramref name="beforeSeq"/> when scrolling back.</summary>
    public Task<Page<MessageDto>> GetHistoryAsync(
        string conversationId, long? beforeSeq = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        var query = beforeSeq is { } seq ? $"&before={seq.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        return transport.SendAsync<Page<MessageDto>>(HttpMethod.Get, $"{Messages(conversationId)}?limit={limit}{query}", null, cancellationToken);
    }

    /// <summary>Idempotent by <paramref name="clientMessageId"/>: a retry returns the stored message.</summary>
    public Task<MessageDto> SendAsync(
        string conversationId, string text, string clientMessageId, string? replyToId = null, CancellationToken cancellationToken = default) =>
        SendWithAttachmentsAsync(conversationId, text, clientMessageId, [], replyToId, cancellationToken: cancellationToken);

    /// <summary><see cref="SendAsync"/> with completed uploads attached: their file ids (Upload-File-Id), at most 10.</summary>
    /// <param name="threadId">Reply in this message's thread (in the main timeline too with <paramref name="alsoToChannel"/>).</param>
    public Task<MessageDto> SendWithAttachmentsAsync(
        string conversationId, string text, string clientMessageId, IReadOnlyList<string> attachmentIds, string? replyToId = null,
        string? threadId = null, bool alsoToChannel = false, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MessageDto>(HttpMethod.Post, Messages(conversationId),
            new SendMessageRequest(text, clientMessageId, replyToId, attachmentIds.Count == 0 ? null : attachmentIds, threadId, alsoToChannel),
            cancellationToken);

    /// <summary>
    /// A thread's root and replies, oldest first: the latest replies, those below <paramref name="beforeSeq"/> (loading
    /// earlier ones) or those above <paramref name="afterSeq"/> (catching up).
    /// </summary>
    public Task<ThreadPageDto> GetThreadAsync(
        string conversationId, string rootId, long? beforeSeq = null, long? afterSeq = null, int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var cursor = (beforeSeq, afterSeq) switch
        {
            ({ } before, _) => $"&before={before.ToString(CultureInfo.InvariantCulture)}",
            (_, { } after) => $"&after={after.ToString(CultureInfo.InvariantCulture)}",
            _ => string.Empty,
        };
        return transport.SendAsync<ThreadPageDto>(
            HttpMethod.Get, $"{Message(conversationId, rootId)}/thread?limit={limit}{cursor}", null, cancellationToken);
    }

    public Task<MessageDto> EditAsync(string conversationId, string messageId, string text, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MessageDto>(HttpMethod.Patch, Message(conversationId, messageId), new EditMessageRequest(text), cancellationToken);

    /// <summary>Leaves a tombstone, returned as the message's new state.</summary>
    public Task<MessageDto> DeleteAsync(string conversationId, string messageId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MessageDto>(HttpMethod.Delete, Message(conversationId, messageId), null, cancellationToken);

    public Task<MessageDto> AddReactionAsync(string conversationId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MessageDto>(HttpMethod.Put, Reaction(conversationId, messageId, emoji), null, cancellationToken);

    public Task<MessageDto> RemoveReactionAsync(string conversationId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MessageDto>(HttpMethod.Delete, Reaction(conversationId, messageId, emoji), null, cancellationToken);

    private static string Messages(string conversationId) => $"{ConversationsClient.Path(conversationId)}/messages";

    private static string Message(string conversationId, string messageId) => $"{Messages(conversationId)}/{Uri.EscapeDataString(messageId)}";

    // Emoji travel percent-encoded as UTF-8 in the path segment.
    private static string Reaction(string conversationId, string messageId, string emoji) =>
        $"{Message(conversationId, messageId)}/reactions/{Uri.EscapeDataString(emoji)}";
}
