using Microsoft.Extensions.Time.Testing;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>Loading, paging, the hub's pushes and changes, and read state of one open conversation.</summary>
public sealed class ConversationSessionTests
{
    private readonly FakeConversationChannel _channel = new();

    // One attempt per send: retries and browser storage are ConversationSessionKeptSendsTests' subject.
    internal static ConversationSession Open(FakeConversationChannel channel) =>
        new("ana", channel, new FakeTimeProvider(Now), TimeZoneInfo.Utc, retryDelays: []);

    internal static IReadOnlyList<TimelineMessage> Shown(ConversationSession session) =>
        [.. session.Rows.OfType<MessageItemRow>().Select(r => r.Message)];

    private static IEnumerable<long> Seqs(ConversationSession session) => Shown(session).Select(m => m.Seq!.Value);

    [Fact]
    public async Task OlderPagesComeBeforeTheLatestOneUntilTheBeginning()
    {
        _channel.History = before => Task.FromResult(before is null ? Page(51, 100, hasOlder: true) : Page(1, 50, hasOlder: false));
        var session = Open(_channel);

        await session.LoadAsync();
        Assert.Equal(Enumerable.Range(51, 50).Select(i => (long)i), Seqs(session));
        Assert.True(session.CanLoadOlder);

        await session.LoadOlderAsync(() => Task.CompletedTask);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), Seqs(session));
        Assert.Equal([null, 51L], _channel.HistoryRequests);
        Assert.False(session.HasOlder);
        Assert.False(session.CanLoadOlder);
    }

    [Fact]
    public async Task OneOlderPageIsFetchedAtATimeAndShownOnlyAfterTheLogMeasuredItsPlace()
    {
        var older = new TaskCompletionSource<Page<MessageDto>>();
        _channel.History = before => before is null ? Task.FromResult(Page(51, 100, hasOlder: true)) : older.Task;
        var session = Open(_channel);
        await session.LoadAsync();
        var shownWhenMeasured = -1;

        var loading = session.LoadOlderAsync(() =>
        {
            shownWhenMeasured = Shown(session).Count;
            return Task.CompletedTask;
        });
        Assert.True(session.LoadingOlder);
        await session.LoadOlderAsync(() => throw new InvalidOperationException("A second page was started."));
        older.SetResult(Page(1, 50, hasOlder: false));
        await loading;

        Assert.Equal(50, shownWhenMeasured);
        Assert.Equal(100, Shown(session).Count);
        Assert.False(session.LoadingOlder);
        Assert.Equal([null, 51L], _channel.HistoryRequests);
    }

    [Fact]
    public async Task NewerMessagesPushedWhileAndAfterTheLatestPageLoadsFollowItOnceEach()
    {
        var latest = new TaskCompletionSource<Page<MessageDto>>();
        _channel.History = _ => latest.Task;
        var session = Open(_channel);

        var loading = session.LoadAsync();
        session.Receive(Stored(101));
        session.Receive(Stored(100));
        latest.SetResult(Page(91, 100, hasOlder: true));
        await loading;
        session.Receive(Stored(102));
        Assert.False(session.Receive(Stored(101)));

        Assert.Equal(Enumerable.Range(91, 12).Select(i => (long)i), Seqs(session));
        Assert.True(session.HasOlder);
    }

    [Fact]
    public async Task PushesOverlappingAResyncAndHistoryKeepEachMessageOnce()
    {
        _channel.History = _ => Task.FromResult(Page(1, 5, hasOlder: false));
        var session = Open(_channel);
        await session.LoadAsync();

        foreach (var seq in new long[] { 4, 5, 6, 5, 6, 7 })
        {
            session.Receive(Stored(seq));
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L], Seqs(session));
    }

    [Fact]
    public void MessagesPushedOutOfOrderAreShownInSeqOrder()
    {
        var session = Open(_channel);

        Assert.True(session.Receive(Stored(3)));
        Assert.True(session.Receive(Stored(1)));
        Assert.True(session.Receive(Stored(2)));

        Assert.Equal([1L, 2L, 3L], Seqs(session));
    }

    [Fact]
    public async Task AnEditPushedBeforeItsMessageIsShownWhenTheMessageArrives()
    {
        var session = Open(_channel);
        await session.LoadAsync();

        Assert.False(session.Change(Stored(5, version: 9, text: "edited")));
        Assert.Empty(Shown(session));
        session.Receive(Stored(5, text: "original"));

        Assert.Equal(("edited", 9L), (Shown(session).Single().Text, Shown(session).Single().Version));
    }

    [Fact]
    public async Task AnEditOfAMessageAboveTheLoadedPagesWaitsForItsPageAndDoesNotMoveThePagingCursor()
    {
        _channel.History = before => Task.FromResult(before is null ? Page(51, 100, hasOlder: true) : Page(1, 50, hasOlder: false));
        var session = Open(_channel);
        await session.LoadAsync();

        Assert.False(session.Change(Stored(10, version: 200, text: "edited")));
        Assert.Equal(51, Seqs(session).First());
        await session.LoadOlderAsync(() => Task.CompletedTask);

        Assert.Equal([null, 51L], _channel.HistoryRequests);
        Assert.Equal("edited", Shown(session).Single(m => m.Seq == 10).Text);
    }

    [Fact]
    public async Task AChangesAnswerIsShownAtOnceAndItsLaterPushChangesNothing()
    {
        _channel.History = _ => Task.FromResult(Page(1, 1, hasOlder: false));
        _channel.Change = _ => Stored(1, version: 5, text: "edited");
        var session = Open(_channel);
        await session.LoadAsync();

        await session.EditAsync("m1", "edited");

        Assert.Equal("edited", Shown(session).Single().Text);
        Assert.False(session.Change(Stored(1, version: 5, text: "edited")));
        Assert.False(session.Change(Stored(1, version: 3, text: "older")));
        Assert.Equal("edited", Shown(session).Single().Text);
    }

    [Fact]
    public async Task AMemberFollowsAndMarksReadFromTheNewestMessageLoaded()
    {
        _channel.Conversation = Channel(lastSeq: 100, myRole: "member", version: 140);
        _channel.History = _ => Task.FromResult(Page(51, 100, hasOlder: true));
        var session = Open(_channel);
        await session.LoadAsync();
        session.Receive(Stored(101));

        await session.FollowAsync(markRead: true);

        Assert.Equal([(101L, 140L)], _channel.Tracked);
        Assert.Equal([101L], _channel.MarkedRead);
    }

    [Fact]
    public async Task APreviewFollowsNothingUntilJoinedAndJoiningMarksNothingRead()
    {
        _channel.Conversation = Channel(lastSeq: 7, myRole: null);
        var session = Open(_channel);
        await session.LoadAsync();

        await session.FollowAsync(markRead: true);
        Assert.Empty(_channel.Tracked);
        await session.JoinAsync();

        Assert.Equal("member", session.Conversation!.MyRole);
        Assert.Single(_channel.Adopted);
        Assert.Equal([(7L, 0L)], _channel.Tracked);
        Assert.Empty(_channel.MarkedRead);
    }
}
