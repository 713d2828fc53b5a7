using System.Net;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.ConversationSessionTests;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>
/// This tab's own messages: shown at once, stored once whichever of the send's answer and the hub's push (maybe
/// twice) comes first, failed and retried under the same client message id.
/// </summary>
public sealed class ConversationSessionSendTests
{
    private readonly FakeConversationChannel _channel = new();
    private readonly TaskCompletionSource<MessageDto> _answer = new();
    private readonly ConversationSession _session;

    public ConversationSessionSendTests()
    {
        _channel.History = _ => Task.FromResult(Page(1, 3, hasOlder: false));
        _channel.Send = _ => _answer.Task;
        _session = Open(_channel);
        _session.LoadAsync().GetAwaiter().GetResult();
    }

    private TimelineMessage Mine => Shown(_session)[^1];

    private static OutgoingMessage Text(string text) => new(text, []);

    private MessageDto StoredMine(long seq = 4, long version = 0) => Stored(seq, Mine.ClientMessageId, version, sender: "ana", text: "hello");

    [Fact]
    public async Task ASentMessageIsPendingAtOnceThenStoredInTheSameRowWhenTheAnswerArrives()
    {
        var sending = _session.SendAsync(Text("hello"), replyToId: "m2");
        var pending = Mine;
        Assert.Equal((SendState.Pending, "hello", "m2", "ana"), (pending.State, pending.Text, pending.ReplyToId, pending.SenderId));

        _answer.SetResult(StoredMine());

        Assert.Null(await sending);
        Assert.Equal(4, Shown(_session).Count);
        Assert.Equal((SendState.Sent, 4L, pending.Key), (Mine.State, Mine.Seq, Mine.Key));
        Assert.Equal(pending.ClientMessageId, _channel.Sends.Single().ClientMessageId);
    }

    [Fact]
    public async Task AMessageWithFilesShowsThemWhilePendingAndSendsTheirFileIds()
    {
        AttachmentDto file = new("file-1", "plan.pdf", "application/pdf", 2048, "", null, null, PreviewStates.Pending);
        var sending = _session.SendAsync(new OutgoingMessage("the plan", [file]), null);

        Assert.Equal([file], Mine.Attachments);
        Assert.Equal(["file-1"], _channel.Sends.Single().Attachments.Select(a => a.Id));
        var stored = file with { Sha256 = "c0ffee" };
        _answer.SetResult(StoredMine() with { Attachments = [stored] });

        await sending;
        Assert.Equal([stored], Mine.Attachments);
    }

    [Fact]
    public async Task APushBeforeTheAnswerStoresTheMessageOnceAndTheAnswerChangesNothing()
    {
        var sending = _session.SendAsync(Text("hello"), null);
        var key = Mine.Key;

        Assert.True(_session.Receive(StoredMine()));
        var afterPush = Mine;
        _answer.SetResult(StoredMine());
        await sending;

        Assert.Equal(4, Shown(_session).Count);
        Assert.Equal(SendState.Sent, afterPush.State);
        Assert.Equal(afterPush, Mine);
        Assert.Equal(key, Mine.Key);
    }

    [Fact]
    public async Task APushAfterTheAnswerAndItsDuplicatesChangeNothing()
    {
        var sending = _session.SendAsync(Text("hello"), null);
        _answer.SetResult(StoredMine());
        await sending;
        var stored = Mine;

        Assert.False(_session.Receive(StoredMine()));
        Assert.False(_session.Receive(StoredMine()));

        Assert.Equal(4, Shown(_session).Count);
        Assert.Equal(stored, Mine);
    }

    [Fact]
    public async Task DuplicatePushesBeforeTheAnswerShowTheMessageOnce()
    {
        var sending = _session.SendAsync(Text("hello"), null);

        _session.Receive(StoredMine());
        Assert.False(_session.Receive(StoredMine()));
        _answer.SetResult(StoredMine());
        await sending;

        Assert.Equal([1L, 2L, 3L, 4L], Shown(_session).Select(m => m.Seq!.Value));
    }

    [Fact]
    public async Task OwnMessageStoredBeforeAnotherUsersTakesItsPlaceInSeqOrder()
    {
        var sending = _session.SendAsync(Text("hello"), null);
        _session.Receive(Stored(5));
        Assert.Equal([1L, 2L, 3L, 5L, null], Shown(_session).Select(m => m.Seq));

        _answer.SetResult(StoredMine(seq: 4));
        await sending;

        Assert.Equal([1L, 2L, 3L, 4L, 5L], Shown(_session).Select(m => m.Seq));
    }

    [Fact]
    public async Task AFailedSendIsMarkedFailedAndARetrySendsItAgainWithTheSameClientMessageId()
    {
        var refusal = new ApiProblemException(HttpStatusCode.TooManyRequests, null, "Slow down.", null, new Dictionary<string, string[]>());
        _channel.Send = _ => Task.FromException<MessageDto>(refusal);
        var sending = _session.SendAsync(Text("hello"), null);

        Assert.Same(refusal, await sending);
        Assert.Equal(SendState.Failed, Mine.State);
        _channel.Send = _ => _answer.Task;
        var retrying = _session.RetryAsync(Mine.ClientMessageId);
        Assert.Equal(SendState.Pending, Mine.State);
        _answer.SetResult(StoredMine());

        Assert.Null(await retrying);
        Assert.Equal(SendState.Sent, Mine.State);
        Assert.Equal(4, Shown(_session).Count);
        Assert.Single(_channel.Sends.Select(m => m.ClientMessageId).Distinct());
        Assert.Equal(2, _channel.Sends.Count);
    }

    [Fact]
    public async Task ASendThatNeverReachedTheServerFailsWithoutAProblemToShow()
    {
        _channel.Send = _ => Task.FromException<MessageDto>(new HttpRequestException("offline"));

        Assert.Null(await _session.SendAsync(Text("hello"), null));
        Assert.Equal(SendState.Failed, Mine.State);
    }

    [Fact]
    public async Task ASendWhoseAnswerFailsAfterItsPushArrivedStaysSent()
    {
        var sending = _session.SendAsync(Text("hello"), null);
        _session.Receive(StoredMine());

        _answer.SetException(new HttpRequestException("answer lost"));
        await sending;

        Assert.Equal(SendState.Sent, Mine.State);
        Assert.Equal(4, Shown(_session).Count);
    }

    [Fact]
    public async Task AFailedMessageWhosePushArrivesLaterIsStoredAndARetrySendsNothing()
    {
        _channel.Send = _ => Task.FromException<MessageDto>(new HttpRequestException("answer lost"));
        await _session.SendAsync(Text("hello"), null);
        var clientMessageId = Mine.ClientMessageId;

        Assert.True(_session.Receive(StoredMine()));
        await _session.RetryAsync(clientMessageId);

        Assert.Equal((SendState.Sent, 4L), (Mine.State, Mine.Seq));
        Assert.Single(_channel.Sends);
    }

    [Fact]
    public async Task AChangeOfAPendingMessageIsShownOnceTheMessageIsStored()
    {
        var sending = _session.SendAsync(Text("hello"), null);
        var reacted = StoredMine(version: 9) with { Reactions = [new ReactionDto("👍", 1, false)] };

        Assert.False(_session.Change(reacted));
        Assert.Equal(SendState.Pending, Mine.State);
        _answer.SetResult(StoredMine());
        await sending;

        Assert.Equal((9L, "👍"), (Mine.Version, Mine.Reactions.Single().Emoji));
    }
}
