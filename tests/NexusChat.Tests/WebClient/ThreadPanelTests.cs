using Bunit;
using Microsoft.AspNetCore.Components.Web;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.Threads;
using static NexusChat.Tests.WebClient.FakeConversationChannel;
using static NexusChat.Tests.WebClient.ThreadSessionTests;

namespace NexusChat.Tests.WebClient;

/// <summary>The thread panel and the thread summary under a root in the channel.</summary>
public sealed class ThreadPanelTests : PeopleContext
{
    private readonly FakeConversationChannel _channel = new();

    private async Task<(IRenderedComponent<ThreadPanel> Panel, ThreadSession Session, Func<int> Closed)> OpenAsync()
    {
        _channel.Thread = (_, before) => Task.FromResult(before is null ? Page(3, 4, 5, hasEarlier: true) : Page(3, 3, 3, hasEarlier: false));
        var session = new ThreadSession("ana", "m1", _channel, Time);
        await session.LoadAsync();
        var closed = 0;
        var panel = Render<ThreadPanel>(p => p
            .Add(t => t.Session, session)
            .Add(t => t.MyUserId, "ana")
            .Add(t => t.SenderName, (Func<string, string>)(id => id == "ana" ? "Ana" : "Bo"))
            .Add(t => t.OnClose, () => closed++));
        session.Changed += () => panel.Render();
        return (panel, session, () => closed);
    }

    [Fact]
    public async Task ThePanelShowsTheRootItsRepliesAndEarlierOnesOnRequest()
    {
        var (panel, _, _) = await OpenAsync();

        Assert.Equal(["1", "4", "5"], panel.FindAll("article").Select(a => a.GetAttribute("data-seq")));
        Assert.Equal("3 replies", panel.Find(".thread-divider").TextContent);
        Assert.Empty(panel.FindAll("article .thread-summary"));
        Assert.DoesNotContain(panel.FindAll(".message-actions button"), b => b.TextContent is "Reply" or "Reply in thread");

        panel.Find(".thread-load-earlier").Click();

        panel.WaitForAssertion(() => Assert.Equal(["1", "3", "4", "5"], panel.FindAll("article").Select(a => a.GetAttribute("data-seq"))));
        Assert.Empty(panel.FindAll(".thread-load-earlier"));
    }

    [Fact]
    public async Task TheComposerRepliesInTheThreadAndTheCheckboxAlsoSendsToTheChannel()
    {
        var (panel, _, _) = await OpenAsync();
        _channel.Send = message => Task.FromResult(Reply(6, sender: "ana") with
        {
            ClientMessageId = message.ClientMessageId, AlsoToChannel = message.AlsoToChannel,
        });

        panel.Find(".also-to-channel input").Change(true);
        panel.Find("textarea").Input("hello thread");
        panel.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        panel.WaitForAssertion(() => Assert.Equal("6", panel.FindAll("article")[^1].GetAttribute("data-seq")));
        var sent = _channel.Sends.Single();
        Assert.Equal(("hello thread", "m1", true), (sent.Text, sent.ThreadId, sent.AlsoToChannel));
    }

    [Fact]
    public async Task EscapeAndCloseCloseThePanelAndALiveReplyShowsUp()
    {
        var (panel, session, closed) = await OpenAsync();

        session.Receive(Reply(6));
        panel.WaitForAssertion(() => Assert.Equal("6", panel.FindAll("article")[^1].GetAttribute("data-seq")));
        panel.Find("aside").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        panel.Find(".thread-header button[aria-label='Close']").Click();

        Assert.Equal(2, closed());
    }

    [Fact]
    public void ARootInTheChannelShowsItsSummaryAndBothWaysOpenItsThread()
    {
        var root = TimelineMessage.From(Stored(1, sender: "bo") with { Thread = new ThreadSummaryDto(2, Now.AddMinutes(-5), ["ana", "bo"], 2) });
        var opened = new List<string?>();
        var item = Render<MessageItem>(p => p
            .Add(m => m.Message, root)
            .Add(m => m.SenderName, "Bo")
            .Add(m => m.ThreadUnread, true)
            .Add(m => m.NameOf, (Func<string, string>)(id => id == "ana" ? "Ana Lopez" : "Bo"))
            .Add(m => m.OnOpenThread, (TimelineMessage m) => opened.Add(m.Id)));

        var summary = item.Find(".thread-summary");
        Assert.Equal("2 replies · last reply 11:55", summary.QuerySelector(".thread-count")!.TextContent);
        Assert.Equal(["AL", "B"], summary.QuerySelectorAll(".thread-participant").Select(p => p.TextContent));
        Assert.Contains("unread", summary.ClassList);
        summary.Click();
        item.FindAll(".message-actions button").Single(b => b.TextContent == "Reply in thread").Click();

        Assert.Equal(["m1", "m1"], opened);
    }
}
