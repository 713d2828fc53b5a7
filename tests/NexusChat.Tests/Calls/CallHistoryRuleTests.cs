using NexusChat.Contracts.Calls;
using NexusChat.Realtime.Calls;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Calls;

public sealed class CallHistoryRuleTests
{
    private const long T0 = 1_000_000;

    private static readonly CallState Ringing = CallRules.Start("call", "conv", CallKinds.Audio, "ana", "ana-1", ["ben", "cat"], T0);

    private static CallState After(CallChange change) => Assert.IsType<CallChange.Updated>(change).Call;

    private static DateTimeOffset At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    [Fact]
    public void ARingingCallIsTheCallerAloneWithNoAnswerOrEnd()
    {
        var summary = CallHistoryRule.Summarize(Ringing, null, T0 + 500);

        Assert.Equal(("call", CallKinds.Audio, CallStates.Ringing, At(T0)), (summary.CallId, summary.Kind, summary.State, summary.StartedAt));
        Assert.Equal((null, null, null), (summary.AnsweredAt, summary.EndedAt, summary.EndReason));
        Assert.Equal(["ana"], summary.Participants);
    }

    [Fact]
    public void AnAnsweredCallListsTheCallerFirstThenEveryoneByWhenTheyJoined()
    {
        var cat = After(CallRules.Join(Ringing, "cat", "cat-1", T0 + 2_000));
        var ben = After(CallRules.Join(cat, "ben", "ben-1", T0 + 3_000));

        var summary = CallHistoryRule.Summarize(ben, null, T0 + 4_000);

        Assert.Equal((CallStates.Active, At(T0 + 2_000), null), (summary.State, summary.AnsweredAt, summary.EndedAt));
        Assert.Equal(["ana", "cat", "ben"], summary.Participants);
    }

    [Fact]
    public void AnEndedCallSaysWhyAndWhenAndACancelledOneStillNamesItsCaller()
    {
        var answered = After(CallRules.Join(Ringing, "ben", "ben-1", T0 + 2_000));
        var hungUp = Assert.IsType<CallChange.Ended>(CallRules.Leave(answered, "ben"));
        var cancelled = Assert.IsType<CallChange.Ended>(CallRules.Leave(Ringing, "ana"));

        var ended = CallHistoryRule.Summarize(hungUp.Call, hungUp.Reason, T0 + 194_000);
        var neverAnswered = CallHistoryRule.Summarize(cancelled.Call, cancelled.Reason, T0 + 1_000);

        Assert.Equal((CallStates.Ended, CallEndReasons.HungUp, At(T0 + 2_000), At(T0 + 194_000)),
            (ended.State, ended.EndReason, ended.AnsweredAt, ended.EndedAt));
        Assert.Equal((CallStates.Ended, CallEndReasons.Cancelled, null), (neverAnswered.State, neverAnswered.EndReason, neverAnswered.AnsweredAt));
        Assert.Equal(["ana"], neverAnswered.Participants);
    }

    [Fact]
    public void TheStoredHistoryKeepsEveryoneWhoWasInTheCallAndIgnoresAJoinThatArrivesAfterTheEnd()
    {
        var ben = After(CallRules.Join(Ringing, "ben", "ben-1", T0 + 2_000));
        var cat = After(CallRules.Join(ben, "cat", "cat-1", T0 + 3_000));
        var benLeft = After(CallRules.Leave(cat, "ben"));
        var end = Assert.IsType<CallChange.Ended>(CallRules.Leave(benLeft, "cat"));
        var message = Message(CallHistoryRule.Summarize(Ringing, null, T0));

        message = Stored(message, CallHistoryRule.Summarize(ben, null, T0 + 2_000));
        var beforeCat = message;
        message = Stored(message, CallHistoryRule.Summarize(end.Call, end.Reason, T0 + 60_000));
        var lateJoin = MessageCallChange.Apply(message, CallHistoryRule.Summarize(cat, null, T0 + 3_000));

        Assert.Equal((CallStates.Ended, CallEndReasons.HungUp), (message.Call!.State, message.Call.EndReason));
        Assert.Equal(["ana", "ben"], message.Call.Participants);
        Assert.Null(lateJoin);
        Assert.Null(MessageCallChange.Apply(beforeCat, CallHistoryRule.Summarize(Ringing, null, T0)));
        Assert.Equal(["ana", "ben", "cat"], MessageCallChange.Apply(beforeCat, CallHistoryRule.Summarize(cat, null, T0 + 3_000))!.Participants);
    }

    private static MessageRecord Message(MessageCallDto call) =>
        new("m", "conv", 1, "ana", string.Empty, At(T0), null, false, null, [], new Dictionary<string, IReadOnlyList<string>>(), "call:call", 1)
        {
            Call = call,
        };

    private static MessageRecord Stored(MessageRecord message, MessageCallDto next) =>
        message with { Call = MessageCallChange.Apply(message, next) ?? throw new Xunit.Sdk.XunitException($"{next.State} did not move the history forward") };
}
