using NexusChat.Contracts.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

public static class ConversationMapping
{
    /// <summary>The message as <paramref name="viewerId"/> sees it: reaction counts and whether they reacted.</summary>
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
        [],
        message.Version);

    public static MemberDto ToDto(this MemberRecord member) => new(member.UserId, member.Role, member.LastReadSeq, member.JoinedAt);

    public static ConversationDto ToDto(
        this ConversationRecord conversation, string viewerId, MemberRecord? member, IReadOnlyList<MemberRecord>? members = null,
        long unreadCount = 0, long mentionCount = 0, MessageRecord? lastMessage = null) => new(
        conversation.Id,
        conversation.Type,
        conversation.Name,
        conversation.Topic,
        conversation.Visibility,
        conversation.CreatedBy,
        conversation.CreatedAt,
        conversation.LastActivityAt,
        conversation.LastSeq,
        conversation.Version,
        member?.Role,
        member?.LastReadSeq ?? 0,
        unreadCount,
        mentionCount,
        lastMessage?.ToDto(viewerId),
        members?.Select(m => m.ToDto()).ToList());

    public static ConversationDto ToDto(this ConversationSummary summary, string viewerId) =>
        summary.Conversation.ToDto(viewerId, summary.Member, null, summary.UnreadCount, summary.MentionCount, summary.LastMessage);
}
