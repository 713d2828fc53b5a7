namespace NexusChat.Storage.Conversations;

/// <summary>One entry of a user's conversation list.</summary>
/// <param name="UnreadCount">Messages after the member's LastReadSeq that others sent and that are not deleted.</param>
/// <param name="MentionCount">Those unread messages that mention the member.</param>
/// <param name="LastMessage">The newest message that is not deleted; null when there is none.</param>
public sealed record ConversationSummary(
    ConversationRecord Conversation,
    MemberRecord Member,
    long UnreadCount,
    long MentionCount,
    MessageRecord? LastMessage);
