using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Notifications;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

public sealed class NotificationRulesTests
{
    private static ConversationEntry Entry(string type, bool muted = false, long unread = 0, long mentions = 0) =>
        new(Channel(lastSeq: 5, myRole: "member") with
        {
            Type = type, Muted = muted, UnreadCount = unread, MentionCount = mentions,
        }, type == "direct" ? "bo" : null);

    private static MessageDto From(string sender, params string[] mentions) =>
        Stored(5, sender: sender) with { Mentions = mentions };

    /// <summary>kind of conversation, muted, sender, mentions me, tab hidden, notified.</summary>
    public static TheoryData<string, bool, string, bool, bool, bool> Cases() => new()
    {
        { "direct", false, "bo", false, true, true },
        { "direct", false, "bo", false, false, false },   // the tab is visible: its badges tell
        { "direct", false, "ana", false, true, false },   // my own message, from another tab of mine
        { "direct", true, "bo", false, true, false },     // muted
        { "direct", true, "bo", true, true, true },       // muted, but it mentions me
        { "channel", false, "bo", false, true, false },   // channel chatter
        { "channel", false, "bo", true, true, true },     // a mention of me
        { "channel", true, "bo", true, true, true },      // a mention of me in a muted channel still notifies
        { "channel", true, "bo", false, true, false },
        { "channel", false, "bo", true, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnlyDirectMessagesAndMentionsFromOthersInAHiddenTabNotifyAndMuteSilencesAllButMentions(
        string kind, bool muted, string sender, bool mentionsMe, bool hidden, bool notified)
    {
        var message = mentionsMe ? From(sender, "ana") : From(sender, "cy");

        Assert.Equal(notified, NotificationRules.ShouldNotify(message, "ana", Entry(kind, muted), hidden));
    }

    [Fact]
    public void ADeletedMessageOrOneOfAnUnknownConversationNeverNotifies()
    {
        Assert.False(NotificationRules.ShouldNotify(From("bo") with { Deleted = true }, "ana", Entry("direct"), tabHidden: true));
        Assert.False(NotificationRules.ShouldNotify(From("bo"), "ana", null, tabHidden: true));
    }

    [Fact]
    public void TheUnreadTotalCountsMutedConversationsOnlyByTheirMentions()
    {
        ConversationEntry[] entries =
        [
            Entry("direct", unread: 2),
            Entry("channel", unread: 5, mentions: 1),
            Entry("channel", muted: true, unread: 40, mentions: 1),
            Entry("channel", muted: true, unread: 9),
        ];

        Assert.Equal(2 + 5 + 1, NotificationRules.UnreadTotal(entries));
        Assert.Equal(0, NotificationRules.UnreadTotal([]));
    }
}
