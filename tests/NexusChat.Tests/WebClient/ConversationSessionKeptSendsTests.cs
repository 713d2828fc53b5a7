using System.Net;
using Microsoft.Extensions.Time.Testing;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.ConversationSessionTests;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>
/// Sends kept in browser storage until acknowledged: retried while the server cannot be reached, failed when refused
/// or out of attempts, shown and sent again (same client message id) by the session of the next page load.
/// </summary>
public sealed class ConversationSessionKeptSendsTests
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private readonly FakeBrowserStorage _storage = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeConversationChannel _channel = new();

    public ConversationSessionKeptSendsTests() => _channel.History = _ => Task.FromResult(Page(1, 3, hasOlder: false));

    private PendingSendStore Store => new(_storage);

    private async Task<ConversationSession> LoadAsync()
    {
        var session = new ConversationSession(
            "ana", _channel, _time, TimeZoneInfo.Utc, new ConversationPendingSends(Store, "ana", "conv"), Delays);
        await session.LoadAsync();
        return session;
    }

    private Task<IReadOnlyList<PendingSend>> KeptAsync() => Store.ForConversationAsync("ana", "conv");

    private static MessageDto StoredFor(TimelineMessage message, long seq = 4) => Stored(seq, message.ClientMessageId, sender: "ana", text: message.Text!);

    private static ApiProblemException Problem(HttpStatusCode status) => new(status, null, "No.", null, new Dictionary<string, string[]>());

    [Fact]
    public async Task ASendIsKeptUntilTheServerAcknowledgesIt()
    {
        var answer = new TaskCompletionSource<MessageDto>();
        _channel.Send = _ => answer.Task;
        var session = await LoadAsync();

        var sending = session.SendAsync(new OutgoingMessage("hello", []), replyToId: "m2");
        var kept = Assert.Single(await KeptAsync());
        Assert.Equal(("hello", "m2", false), (kept.Text, kept.ReplyToId, kept.Failed));
        answer.SetResult(StoredFor(Shown(session)[^1]));
        await sending;

        Assert.Empty(await KeptAsync());
    }

    [Fact]
    public async Task ASendThatCannotReachTheServerIsTriedAgainWithTheSameIdAndStaysPendingMeanwhile()
    {
        var attempts = 0;
        _channel.Send = m => ++attempts < 3 ? Task.FromException<MessageDto>(new HttpRequestException("offline")) : Task.FromResult(StoredFor(m));
        var session = await LoadAsync();

        var sending = session.SendAsync(new OutgoingMessage("hello", []), null);
        Assert.Equal(SendState.Pending, Shown(session)[^1].State);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(() => attempts == 2);
        Assert.Equal(SendState.Pending, Shown(session)[^1].State);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await sending);
        Assert.Equal(SendState.Sent, Shown(session)[^1].State);
        Assert.Single(_channel.Sends.Select(m => m.ClientMessageId).Distinct());
        Assert.Equal(3, _channel.Sends.Count);
        Assert.Empty(await KeptAsync());
    }

    [Fact]
    public async Task OutOfAttemptsItIsFailedAndKeptAsFailed()
    {
        _channel.Send = _ => Task.FromException<MessageDto>(Problem(HttpStatusCode.BadGateway));
        var session = await LoadAsync();

        var sending = session.SendAsync(new OutgoingMessage("hello", []), null);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(() => _channel.Sends.Count == 2);
        _time.Advance(TimeSpan.FromSeconds(2));
        await sending;

        Assert.Equal(3, _channel.Sends.Count);
        Assert.Equal(SendState.Failed, Shown(session)[^1].State);
        Assert.True(Assert.Single(await KeptAsync()).Failed);
    }

    [Fact]
    public async Task ARefusalFailsAtOnceWithoutRetrying()
    {
        var refusal = Problem(HttpStatusCode.Forbidden);
        _channel.Send = _ => Task.FromException<MessageDto>(refusal);
        var session = await LoadAsync();

        Assert.Same(refusal, await session.SendAsync(new OutgoingMessage("hello", []), null));

        Assert.Single(_channel.Sends);
        Assert.True(Assert.Single(await KeptAsync()).Failed);
    }

    [Fact]
    public async Task AfterAReloadPendingSendsAreShownAndSentAgainWithTheirIdsAndFailedOnesWaitForRetry()
    {
        await Store.AddAsync("ana", new PendingSend("kept-1", "conv", "written before the reload", "m1", [], Now, Failed: false));
        await Store.AddAsync("ana", new PendingSend("kept-2", "conv", "refused before the reload", null, [], Now.AddSeconds(1), Failed: true));
        await Store.AddAsync("ana", new PendingSend("elsewhere", "other", "another conversation's", null, [], Now, Failed: false));
        var answer = new TaskCompletionSource<MessageDto>();
        _channel.Send = _ => answer.Task;

        var session = await LoadAsync();
        var settled = 0;
        session.SendSettled += () => settled++;

        var shown = Shown(session);
        Assert.Equal(("written before the reload", SendState.Pending, "m1"), (shown[^2].Text, shown[^2].State, shown[^2].ReplyToId));
        Assert.Equal(("refused before the reload", SendState.Failed), (shown[^1].Text, shown[^1].State));
        Assert.Equal(["kept-1"], _channel.Sends.Select(m => m.ClientMessageId));
        answer.SetResult(Stored(4, "kept-1", sender: "ana", text: "written before the reload"));
        await WaitAsync(() => Shown(session)[^2].State == SendState.Sent);
        Assert.Equal(1, settled);
        Assert.Equal(["kept-2"], (await KeptAsync()).Select(p => p.ClientMessageId));

        await session.DiscardAsync("kept-2");

        Assert.Empty(await KeptAsync());
        Assert.Equal(4, Shown(session).Count);
        Assert.Single(await Store.ForConversationAsync("ana", "other"));
    }

    [Fact]
    public async Task AKeptSendTheHistoryAlreadyHoldsIsForgottenAndNotSentAgain()
    {
        await Store.AddAsync("ana", new PendingSend("c3", "conv", "hi", null, [], Now, Failed: false));
        _channel.History = _ => Task.FromResult(new Page<MessageDto>([Stored(3, "c3", sender: "ana"), Stored(2), Stored(1)], null));

        var session = await LoadAsync();

        Assert.Equal(3, Shown(session).Count);
        Assert.Empty(_channel.Sends);
        Assert.Empty(await KeptAsync());
    }

    [Fact]
    public async Task ThePushOfAKeptSendForgetsIt()
    {
        _channel.Send = _ => new TaskCompletionSource<MessageDto>().Task;
        var session = await LoadAsync();
        _ = session.SendAsync(new OutgoingMessage("hello", []), null);

        Assert.True(session.Receive(StoredFor(Shown(session)[^1])));

        await WaitAsync(() => !_storage.Items.ContainsKey(PendingSendStore.KeyOf("ana")));
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
