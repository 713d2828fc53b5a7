using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.Threads;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>An open thread: its pages, the conversation's pushes it takes (its replies, its root's new count) and its sends.</summary>
public sealed class ThreadSessionTests
{
    private readonly FakeConversationChannel _channel = new();
    private readonly ThreadSession _session;

    public ThreadSessionTests() => _session = new ThreadSession("ana", "m1", _channel, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    internal static MessageDto Root(int replies, long version) =>
        Stored(1, version: version) with { Thread = replies == 0 ? null : new ThreadSummaryDto(replies, Now, ["bo"], 1) };

    internal static MessageDto Reply(long seq, string root = "m1", string sender = "bo") => Stored(seq, sender: sender) with { ThreadId = root };

    /// <summary>Replies from..to, as the API pages them (oldest first) with the cursor of an earlier page.</summary>
    internal static ThreadPageDto Page(int replies, long from, long to, bool hasEarlier) =>
        new(Root(replies, version: 20), [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => Reply(seq))], hasEarlier ? $"{from}" : null);

    [Fact]
    public async Task TheLatestRepliesLoadFirstAndEarlierOnesArePutBeforeThem()
    {
        _channel.Thread = (_, before) => Task.FromResult(before is null ? Page(5, 4, 6, hasEarlier: true) : Page(5, 2, 3, hasEarlier: false));

        await _session.LoadAsync();
        Assert.True(_session.HasEarlier);
        await _session.LoadEarlierAsync();

        Assert.Equal([null, 4L], _channel.ThreadRequests);
        Assert.Equal([2L, 3L, 4L, 5L, 6L], _session.Replies.Select(r => r.Seq!.Value));
        Assert.False(_session.HasEarlier);
        Assert.Equal(5, _session.Root!.Thread!.ReplyCount);
    }

    [Fact]
    public async Task ItTakesItsOwnRepliesAndItsRootsNewerVersionsOnly()
    {
        _channel.Thread = (_, _) => Task.FromResult(Page(1, 2, 2, hasEarlier: false));
        await _session.LoadAsync();
        var changes = 0;
        _session.Changed += () => changes++;

        Assert.True(_session.Receive(Reply(3)));
        Assert.False(_session.Receive(Reply(4, root: "m9")));
        Assert.False(_session.Receive(Stored(5)));
        Assert.True(_session.Change(Root(2, version: 21)));
        Assert.False(_session.Change(Root(1, version: 20)));

        Assert.Equal([2L, 3L], _session.Replies.Select(r => r.Seq!.Value));
        Assert.Equal(2, _session.Root!.Thread!.ReplyCount);
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task AReplyIsPendingAtOnceAndGoesToTheThreadAndTheChannelWhenAsked()
    {
        _channel.Thread = (_, _) => Task.FromResult(Page(0, 1, 0, hasEarlier: false));
        var answer = new TaskCompletionSource<MessageDto>();
        _channel.Send = _ => answer.Task;
        await _session.LoadAsync();

        var sending = _session.SendAsync(new OutgoingMessage("in thread", []), alsoToChannel: true);
        Assert.Equal(SendState.Pending, _session.Replies.Single().State);
        var sent = _channel.Sends.Single();
        answer.SetResult(Reply(2, sender: "ana") with { ClientMessageId = sent.ClientMessageId, AlsoToChannel = true });

        Assert.Null(await sending);
        Assert.Equal(("m1", true), (sent.ThreadId, sent.AlsoToChannel));
        Assert.Equal((SendState.Sent, 2L), (_session.Replies.Single().State, _session.Replies.Single().Seq!.Value));
    }
}
