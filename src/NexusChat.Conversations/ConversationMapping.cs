using NexusChat.Contracts.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations;

public static class ConversationMapping
{
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
        members?.Select(m => m.ToDto()).ToList(),
        member?.Muted ?? false);

    public static ConversationDto ToDto(this ConversationSummary summary, string viewerId) =>
        summary.Conversation.ToDto(viewerId, summary.Member, null, summary.UnreadCount, summary.MentionCount, summary.LastMessage);
}
