using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>A message written here and not yet acknowledged by the server, as it is kept across reloads.</summary>
/// <param name="Failed">Refused or out of retries: shown with Retry and Delete, not sent again by itself.</param>
public sealed record PendingSend(
    string ClientMessageId,
    string ConversationId,
    string Text,
    string? ReplyToId,
    IReadOnlyList<AttachmentDto> Attachments,
    DateTimeOffset CreatedAt,
    bool Failed);
