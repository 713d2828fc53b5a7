using Bunit;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class MessageLogTests : PeopleContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<MessageLog> RenderLog(IReadOnlyList<TimelineMessage> messages) =>
        Render<MessageLog>(p => p
            .Add(l => l.Rows, MessageRows.Build(messages, TimeZoneInfo.Utc, Now))
            .Add(l => l.MyUserId, "ana")
            .Add(l => l.SenderName, (Func<string, string>)(id => id == "ana" ? "Ana" : "Bo")));

    [Fact]
    public void AGroupShowsItsSenderOnceAndADaySeparatorPrecedesEachDay()
    {
        var log = RenderLog(
        [
            MessageRowsTests.Message(1, "bo", Now.AddDays(-1)),
            MessageRowsTests.Message(2, "ana", Now.AddMinutes(-3)),
            MessageRowsTests.Message(3, "ana", Now.AddMinutes(-2)),
        ]);

        Assert.Equal(["Yesterday", "Today"], log.FindAll(".day-separator").Select(d => d.TextContent.Trim()));
        var articles = log.FindAll("article");
        Assert.Equal(["1", "2", "3"], articles.Select(a => a.GetAttribute("data-seq")));
        Assert.Equal(["Bo", "Ana"], log.FindAll(".message-header .sender").Select(s => s.TextContent));
        Assert.Contains("continued", articles[2].ClassList);
    }

    [Fact]
    public void EditAndDeleteAreOfferedOnOwnMessagesOnly()
    {
        var log = RenderLog([MessageRowsTests.Message(1, "bo", Now.AddMinutes(-5)), MessageRowsTests.Message(2, "ana", Now.AddMinutes(-1))]);

        var articles = log.FindAll("article");
        Assert.Equal(["Reply", "React"], articles[0].QuerySelectorAll(".message-actions button").Select(b => b.TextContent));
        Assert.Equal(["Reply", "React", "Edit", "Delete"], articles[1].QuerySelectorAll(".message-actions button").Select(b => b.TextContent));
    }

    [Fact]
    public void DeletedEditedPendingAndFailedMessagesAreMarked()
    {
        var edited = MessageRowsTests.Message(1, "bo", Now.AddMinutes(-9)) with { EditedAt = Now.AddMinutes(-8) };
        var deleted = MessageRowsTests.Message(2, "bo", Now.AddMinutes(-7), deleted: true);
        var pending = TimelineMessage.Pending("p1", "ana", "on its way", null, Now);
        var failed = TimelineMessage.Pending("p2", "ana", "lost", null, Now) with { State = SendState.Failed };

        var log = RenderLog([edited, deleted, pending, failed]);

        var articles = log.FindAll("article");
        Assert.NotNull(articles[0].QuerySelector(".edited"));
        Assert.Equal("This message was deleted", articles[1].QuerySelector(".message-body")!.TextContent);
        Assert.Equal(["sent", "sent", "pending", "failed"], articles.Select(a => a.GetAttribute("data-state")));
        Assert.Equal(["Retry", "Delete"], articles[3].QuerySelectorAll(".send-state button").Select(b => b.TextContent));
    }
}
