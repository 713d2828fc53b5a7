using Bunit;
using NexusChat.Web.Client.Features.Conversations;

namespace NexusChat.Tests.WebClient;

public sealed class UnreadBadgeTests : WebClientContext
{
    [Fact]
    public void NothingUnreadRendersNoBadge()
    {
        var badge = Render<UnreadBadge>(p => p.Add(b => b.Count, 0L).Add(b => b.Mentions, 0L));

        Assert.Empty(badge.FindAll("[data-testid=unread-badge]"));
    }

    [Fact]
    public void TheBadgeTextIsTheUnreadCount()
    {
        var badge = Render<UnreadBadge>(p => p.Add(b => b.Count, 7L).Add(b => b.Mentions, 0L));

        var element = badge.Find("[data-testid=unread-badge]");
        Assert.Equal("7", element.TextContent);
        Assert.DoesNotContain("mention", element.ClassList);
    }

    [Fact]
    public void MentionsHighlightTheBadge()
    {
        var badge = Render<UnreadBadge>(p => p.Add(b => b.Count, 3L).Add(b => b.Mentions, 1L));

        var element = badge.Find("[data-testid=unread-badge]");
        Assert.Equal("3", element.TextContent);
        Assert.Contains("mention", element.ClassList);
    }

    [Fact]
    public void AMutedConversationsBadgeIsMutedUnlessItMentionsTheReader()
    {
        var muted = Render<UnreadBadge>(p => p.Add(b => b.Count, 4L).Add(b => b.Mentions, 0L).Add(b => b.Muted, true));
        var mentioned = Render<UnreadBadge>(p => p.Add(b => b.Count, 4L).Add(b => b.Mentions, 1L).Add(b => b.Muted, true));

        Assert.Contains("muted", muted.Find("[data-testid=unread-badge]").ClassList);
        Assert.Contains("mention", mentioned.Find("[data-testid=unread-badge]").ClassList);
    }
}
