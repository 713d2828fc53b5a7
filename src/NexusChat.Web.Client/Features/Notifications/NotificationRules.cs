using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Conversations;

namespace NexusChat.Web.Client.Features.Notifications;

/// <summary>
/// Which arriving messages raise a browser notification: a direct message or a mention of me, from someone else,
/// while this tab is hidden (a visible tab shows its badges; notifying for what is on screen would be noise). A muted
/// conversation raises none, except a mention of me: as in Slack, muting silences the chatter, not someone calling on me.
/// </summary>
public static class NotificationRules
{
    public static bool ShouldNotify(MessageDto message, string myUserId, ConversationEntry? entry, bool tabHidden)
    {
        if (!tabHidden || entry is null || message.Deleted || message.SenderId == myUserId)
        {
            return false;
        }

        var mentioned = message.Mentions.Contains(myUserId, StringComparer.Ordinal);
        return mentioned || (entry.IsDirect && !entry.Conversation.Muted);
    }

    /// <summary>
    /// The unread messages the title and favicon count: every unread message of conversations not muted, and the
    /// mentions of me in muted ones (which the sidebar shows with a muted badge).
    /// </summary>
    public static long UnreadTotal(IEnumerable<ConversationEntry> entries) =>
        entries.Sum(e => e.Conversation.Muted ? e.Mentions : e.Unread);
}
