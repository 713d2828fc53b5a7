using NexusChat.Contracts.Conversations;

namespace NexusChat.Storage.Conversations;

public static class MessageDtoMapping
{
    /// <summary>
    /// The message as <paramref name="viewerId"/> sees it in the API and on the hub: reaction counts and whether
    /// they reacted. One mapping for every place a message leaves the service.
    /// </summary>
    public static MessageDto ToDto(this MessageRecord message, string viewerId) => new(
        message.Id,
        message.ConversationId,
        message.Seq,
        message.SenderId,
        message.Text,
        message.CreatedAt,
        message.EditedAt,
        message.Deleted,
        message.ReplyToId,
        message.Mentions,
        message.Reactions.Select(r => new ReactionDto(r.Key, r.Value.Count, r.Value.Contains(viewerId))).ToList(),
        message.ClientMessageId,
        message.Attachments.Select(a => new AttachmentDto(
            a.FileId, a.Name, a.ContentType, a.Size, a.Sha256, a.Preview.Width, a.Preview.Height, a.Preview.State)).ToList(),
        message.Version,
        message.ThreadId,
        message.AlsoToChannel,
        message.Thread is { } thread
            ? new ThreadSummaryDto(thread.ReplyCount, thread.LastReplyAt, thread.ParticipantIds, thread.ParticipantCount)
            : null,
        message.Call);
}
