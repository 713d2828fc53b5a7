using Bunit;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Calls;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.Notifications;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

public sealed class CallHistoryItemTests : PeopleContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static readonly MessageCallDto Ringing = new("call-1", CallKinds.Audio, CallStates.Ringing, Now.AddMinutes(-5), null, null, null, ["ana"]);

    private static readonly MessageCallDto HungUp = Ringing with
    {
        State = CallStates.Ended, AnsweredAt = Now.AddMinutes(-4), EndedAt = Now.AddMinutes(-4).AddSeconds(192),
        EndReason = CallEndReasons.HungUp, Participants = ["ana", "bo"],
    };

    private static readonly MessageCallDto Missed = Ringing with { State = CallStates.Ended, EndedAt = Now.AddMinutes(-4), EndReason = CallEndReasons.Missed };

    private static TimelineMessage CallMessage(long seq, MessageCallDto call) =>
        MessageRowsTests.Message(seq, "ana", Now.AddMinutes(-5 + seq)) with { Text = string.Empty, Call = call };

    private IRenderedComponent<MessageLog> RenderLog(string me, params TimelineMessage[] messages) =>
        Render<MessageLog>(p => p
            .Add(l => l.Rows, MessageRows.Build(messages, TimeZoneInfo.Utc, Now))
            .Add(l => l.MyUserId, me)
            .Add(l => l.SenderName, (Func<string, string>)(id => id == "ana" ? "Ana" : "Bo")));

    [Fact]
    public void AnEndedCallShowsItsKindDurationAndWhoWasInItAndOffersNoEditOrDeleteEvenToTheCaller()
    {
        var log = RenderLog("ana", CallMessage(1, HungUp), MessageRowsTests.Message(2, "ana", Now));

        var articles = log.FindAll("article");
        Assert.Equal("Audio call", articles[0].QuerySelector(".call-history .call-kind")!.TextContent);
        Assert.Equal("Call ended · 3 min 12 s · Ana, Bo", articles[0].QuerySelector(".call-history .call-summary")!.TextContent);
        Assert.Null(articles[0].QuerySelector(".message-body"));
        Assert.Equal(["Reply", "React"], articles[0].QuerySelectorAll(".message-actions button").Select(b => b.TextContent));
        Assert.Equal(["Reply", "React", "Edit", "Delete"], articles[1].QuerySelectorAll(".message-actions button").Select(b => b.TextContent));
    }

    [Fact]
    public void AnUnansweredCallIsMissedForEveryoneButTheCaller()
    {
        var forBo = RenderLog("bo", CallMessage(1, Missed)).Find(".call-history");
        var forAna = RenderLog("ana", CallMessage(1, Missed)).Find(".call-history");

        Assert.Equal("Missed call", forBo.QuerySelector(".call-summary")!.TextContent);
        Assert.Contains("missed", forBo.ClassList);
        Assert.Equal("No answer", forAna.QuerySelector(".call-summary")!.TextContent);
        Assert.DoesNotContain("missed", forAna.ClassList);
    }

    [Fact]
    public void TheSummarySaysRingingInProgressDeclinedCancelledOrFailed()
    {
        string Say(MessageCallDto call, bool isCaller = false) => CallHistoryText.Summary(call, isCaller, id => id);

        Assert.Equal("Ringing…", Say(Ringing));
        Assert.Equal("Call in progress · ana, bo", Say(HungUp with { State = CallStates.Active, EndedAt = null, EndReason = null }));
        Assert.Equal("Missed call", Say(Missed with { EndReason = CallEndReasons.Declined }));
        Assert.Equal("Declined", Say(Missed with { EndReason = CallEndReasons.Declined }, isCaller: true));
        Assert.Equal("Cancelled", Say(Missed with { EndReason = CallEndReasons.Cancelled }, isCaller: true));
        // The caller's server died before anyone answered: nobody missed a call they were rung for in vain.
        Assert.Equal("Call failed", Say(Missed with { EndReason = CallEndReasons.Lost }));
        Assert.Equal("Video call", CallHistoryText.KindName(Ringing with { Kind = CallKinds.Video }));
    }

    [Fact]
    public void DurationsReadInSecondsMinutesAndHours()
    {
        Assert.Equal("0 s", CallHistoryText.Duration(TimeSpan.FromMilliseconds(400)));
        Assert.Equal("59 s", CallHistoryText.Duration(TimeSpan.FromSeconds(59)));
        Assert.Equal("3 min 12 s", CallHistoryText.Duration(TimeSpan.FromSeconds(192)));
        Assert.Equal("1 h 5 min", CallHistoryText.Duration(TimeSpan.FromMinutes(65)));
    }

    [Fact]
    public async Task ACallIsQuotedAndNotifiedByItsKindAndUpArrowEditsTheMessageBeforeIt()
    {
        var channel = new FakeConversationChannel();
        channel.History = _ => Task.FromResult(new Page<MessageDto>(
            [Stored(2, sender: "ana", text: string.Empty) with { Call = HungUp }, Stored(1, sender: "ana", text: "before the call")], null));
        var session = new ConversationSession("ana", channel, Time, TimeZoneInfo.Utc,
            new ConversationPendingSends(new PendingSendStore(new FakeBrowserStorage()), "ana", "conv"), [TimeSpan.FromSeconds(1)]);
        await session.LoadAsync();

        Assert.Equal("Audio call", CallMessage(1, HungUp).Excerpt);
        Assert.Equal("Audio call", NotificationText.Body(Stored(1, sender: "ana", text: string.Empty) with { Call = HungUp }));
        Assert.Equal("m1", session.MyLastEditable?.Id);
    }
}
