using NexusChat.Contracts.Calls;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    private static readonly DateTimeOffset CallStart = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    private static readonly MessageCallDto Ringing = new("call-1", CallKinds.Video, CallStates.Ringing, CallStart, null, null, null, ["ana"]);

    private static readonly MessageCallDto Answered = Ringing with
    {
        State = CallStates.Active, AnsweredAt = CallStart.AddSeconds(3), Participants = ["ana", "bob"],
    };

    [SkippableFact]
    public async Task ACallMessageKeepsItsSummaryAndMovesOnlyForwardEachStepAsANewVersionWithOneEvent()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob", "cy");
        var sent = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", string.Empty, null, [], "call:call-1") { Call = Ringing }, TestTimeout()))!.Value;
        await TakeEventTypesAsync(outbox);

        var answered = await store.SetCallAsync(channel.Id, sent.Id, Answered, TestTimeout());
        // The hang-up's summary no longer lists bob (he left); the history keeps everyone who was in the call.
        var ended = await store.SetCallAsync(channel.Id, sent.Id,
            Answered with { State = CallStates.Ended, EndedAt = CallStart.AddMinutes(3), EndReason = CallEndReasons.HungUp, Participants = ["ana"] },
            TestTimeout());
        var lateJoin = await store.SetCallAsync(channel.Id, sent.Id, Answered with { Participants = ["ana", "bob", "cy"] }, TestTimeout());
        var repeat = await store.SetCallAsync(channel.Id, sent.Id, ended!.Call!, TestTimeout());

        var endedAsStored = Answered with { State = CallStates.Ended, EndedAt = CallStart.AddMinutes(3), EndReason = CallEndReasons.HungUp };
        AssertCall(Ringing, sent.Call);
        Assert.Equal(sent.Version + 1, answered!.Version);
        AssertCall(Answered, answered.Call);
        Assert.Equal(answered.Version + 1, ended!.Version);
        AssertCall(endedAsStored, ended.Call);
        Assert.Equal(ended.Version, lateJoin!.Version);
        AssertCall(endedAsStored, lateJoin.Call);
        Assert.Equal(ended.Version, repeat!.Version);
        Assert.Equal(["MessageCallChanged", "MessageCallChanged"], await TakeEventTypesAsync(outbox));
        var history = Assert.Single(await store.GetMessagesBeforeAsync(channel.Id, null, 10, TestTimeout()));
        Assert.Equal(ended.Version, history.Version);
        AssertCall(endedAsStored, history.Call);
        AssertCall(endedAsStored, (await store.GetMessageAsync(channel.Id, sent.Id, TestTimeout()))!.Call);
        Assert.Equal([sent.Id], (await store.GetChangesSinceAsync(channel.Id, sent.Version, 10, TestTimeout())).Select(m => m.Id));
    }

    [SkippableFact]
    public async Task ACallMessageCountsAsUnreadForTheOtherMembersButNotTheCaller()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        await store.SendMessageAsync(new NewMessage(channel.Id, "ana", string.Empty, null, [], "call:call-1") { Call = Ringing }, TestTimeout());

        var bobs = Assert.Single(await store.ListForUserAsync("bob", 10, TestTimeout()));
        var anas = Assert.Single(await store.ListForUserAsync("ana", 10, TestTimeout()));

        Assert.Equal(1L, bobs.UnreadCount);
        AssertCall(Ringing, bobs.LastMessage!.Call);
        Assert.Equal(0L, anas.UnreadCount);
    }

    [SkippableFact]
    public async Task ACallSummaryForAPlainMessageOrAnotherCallChangesNothing()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var plain = await SendAsync(store, channel.Id, "ana", "hello", "c1");
        var call = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", string.Empty, null, [], "call:call-1") { Call = Ringing }, TestTimeout()))!.Value;
        await TakeEventTypesAsync(outbox);

        var onPlain = await store.SetCallAsync(channel.Id, plain.Id, Answered, TestTimeout());
        var otherCall = await store.SetCallAsync(channel.Id, call.Id, Answered with { CallId = "call-2" }, TestTimeout());

        Assert.Equal((plain.Version, null), (onPlain!.Version, onPlain.Call));
        Assert.Equal(call.Version, otherCall!.Version);
        AssertCall(Ringing, otherCall.Call);
        Assert.Null(await store.SetCallAsync(channel.Id, "no-such-message", Answered, TestTimeout()));
        Assert.Empty(await TakeEventTypesAsync(outbox));
    }

    // A record compares its list by reference; a stored summary is read back as a new list.
    private static void AssertCall(MessageCallDto expected, MessageCallDto? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Participants = [] }, actual with { Participants = [] });
        Assert.Equal(expected.Participants, actual.Participants);
    }
}
