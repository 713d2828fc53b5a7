namespace NexusChat.Storage.Conversations;

/// <summary>One entry of a user's conversation list.</summary>
/// <param name="UnreadCount">
/// Messages after the member's LastReadSeq that others sent, that are not deleted and that are in the main timeline
/// (a thread reply not also sent to the channel does not count: threads show their own unread state).
/// </param>
/// <param name="MentionCount">Unread messages that mention the member, thread replies included.</param>
/// <param name="LastMessage">The newest message in the main timeline that is not deleted; null when there is none.</param>
public sealed record ConversationSummary(
    ConversationRecord Conversation,
    MemberRecord Member,
    long UnreadCount,
    long MentionCount,
    MessageRecord? LastMessage);
