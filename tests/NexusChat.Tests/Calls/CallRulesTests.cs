using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Calls;

namespace NexusChat.Tests.Calls;

public sealed class CallRulesTests
{
    private const long T0 = 1_000_000;

    private static CallState Ringing(params string[] invited) =>
        CallRules.Start("call", "conv", CallKinds.Video, "ana", "ana-1", invited, T0);

    private static CallState Joined(CallChange change) => Assert.IsType<CallChange.Updated>(change).Call;

    [Fact]
    public void AStartedCallRingsWithTheCallerAloneInItAndTheCameraOnForVideo()
    {
        var call = Ringing("ben");

        Assert.Equal(CallStates.Ringing, call.State);
        Assert.Null(call.AnsweredAt);
        Assert.Equal(new CallSeat("ana-1", T0, false, true), Assert.Single(call.Participants).Value);
        Assert.False(CallRules.Start("c", "conv", CallKinds.Audio, "ana", "ana-1", [], T0).Participants["ana"].CameraOn);
    }

    [Fact]
    public void TheFirstAnswerMakesTheCallActiveOnceAndAJoinAgainOnlyMovesTheConnection()
    {
        var answered = Joined(CallRules.Join(Ringing("ben"), "ben", "ben-1", T0 + 2_000));
        var third = Joined(CallRules.Join(answered, "cat", "cat-1", T0 + 5_000));
        var muted = Joined(CallRules.SetMedia(third, "ben", muted: true, cameraOn: false));
        var moved = Joined(CallRules.Join(muted, "ben", "ben-2", T0 + 9_000));

        Assert.Equal((CallStates.Active, T0 + 2_000), (answered.State, answered.AnsweredAt));
        Assert.Equal(T0 + 2_000, third.AnsweredAt);
        Assert.Equal(new CallSeat("ben-2", T0 + 2_000, true, false), moved.Participants["ben"]);
        Assert.Equal(3, moved.Participants.Count);
    }

    [Fact]
    public void ASeventhParticipantIsRefused()
    {
        var call = Ringing();
        foreach (var user in new[] { "b", "c", "d", "e", "f" })
        {
            call = Joined(CallRules.Join(call, user, $"{user}-1", T0));
        }

        var refused = Assert.IsType<CallChange.Refused>(CallRules.Join(call, "g", "g-1", T0));

        Assert.Equal(HubErrorCodes.Conflict, refused.Error.Code);
        Assert.Equal(CallLimits.MaxParticipants, call.Participants.Count);
    }

    [Fact]
    public void ARingingCallEndsDeclinedOnlyWhenEveryoneInvitedDeclined()
    {
        var oneDeclined = Joined(CallRules.Decline(Ringing("ben", "cat"), "ben"));
        var again = CallRules.Decline(oneDeclined, "ben");
        var ended = Assert.IsType<CallChange.Ended>(CallRules.Decline(oneDeclined, "cat"));

        Assert.Same(oneDeclined, Joined(again));
        Assert.Equal(CallEndReasons.Declined, ended.Reason);
    }

    [Fact]
    public void TheCallerLeavingARingingCallCancelsItAndTheLastButOneLeavingAnAnsweredCallEndsIt()
    {
        var cancelled = Assert.IsType<CallChange.Ended>(CallRules.Leave(Ringing("ben"), "ana"));
        var group = Joined(CallRules.Join(Joined(CallRules.Join(Ringing("ben", "cat"), "ben", "ben-1", T0)), "cat", "cat-1", T0));
        var twoLeft = Joined(CallRules.Leave(group, "ana"));
        var hungUp = Assert.IsType<CallChange.Ended>(CallRules.Leave(twoLeft, "cat"));

        Assert.Equal(CallEndReasons.Cancelled, cancelled.Reason);
        Assert.Equal(["ben", "cat"], twoLeft.Participants.Keys.Order());
        Assert.Equal(CallEndReasons.HungUp, hungUp.Reason);
        Assert.Same(twoLeft, Joined(CallRules.Leave(twoLeft, "ana")));
    }

    [Fact]
    public void TheSweepMissesAnUnansweredCallAtTheRingTimeoutAndDropsParticipantsNobodyRenews()
    {
        var ringing = Ringing("ben");
        var answered = Joined(CallRules.Join(Joined(CallRules.Join(ringing, "ben", "ben-1", T0 + 1_000)), "cat", "cat-1", T0 + 1_000));
        Dictionary<string, long> renewed = new() { ["ana"] = T0 + 20_000, ["ben"] = T0 + 20_000, ["cat"] = T0 + 4_000 };

        var early = CallRules.Sweep(ringing, new Dictionary<string, long>(), T0 + 29_999, 30_000, T0);
        var missed = Assert.IsType<CallChange.Ended>(CallRules.Sweep(ringing, new Dictionary<string, long>(), T0 + 30_000, 30_000, T0));
        var dropped = Joined(CallRules.Sweep(answered, renewed, T0 + 21_000, 30_000, staleBefore: T0 + 6_000));
        var lost = Assert.IsType<CallChange.Ended>(CallRules.Sweep(dropped, new Dictionary<string, long> { ["ana"] = T0 + 20_000 }, T0 + 40_000, 30_000, T0 + 25_000));

        Assert.Same(ringing, Joined(early));
        Assert.Equal(CallEndReasons.Missed, missed.Reason);
        Assert.Equal(["ana", "ben"], dropped.Participants.Keys.Order());
        Assert.Equal(CallEndReasons.Lost, lost.Reason);
    }

    [Fact]
    public void RepeatsChangeNothingSoNothingIsWrittenOrAnnounced()
    {
        var call = Joined(CallRules.Join(Ringing("ben"), "ben", "ben-1", T0));

        Assert.Same(call, Joined(CallRules.Join(call, "ben", "ben-1", T0 + 5)));
        Assert.Same(call, Joined(CallRules.SetMedia(call, "ben", muted: false, cameraOn: true)));
        Assert.Same(call, Joined(CallRules.Decline(call, "cat")));
        Assert.Same(call, Joined(CallRules.Leave(call, "cat")));
    }

    [Fact]
    public void OnlyAParticipantSetsMediaState()
    {
        var refused = Assert.IsType<CallChange.Refused>(CallRules.SetMedia(Ringing("ben"), "ben", true, true));

        Assert.Equal(HubErrorCodes.Forbidden, refused.Error.Code);
    }

    [Fact]
    public void ARemovedMemberLeavesTheCallAndItsRingingListAndTheCallGoesOnOrEndsAsAHangUpWould()
    {
        var threeWay = Joined(CallRules.Join(Joined(CallRules.Join(Ringing("ben", "cat", "dan"), "ben", "ben-1", T0)), "cat", "cat-1", T0));
        var withoutBen = Joined(CallRules.RemoveMember(threeWay, "ben"));
        var withoutDan = Joined(CallRules.RemoveMember(withoutBen, "dan"));
        var ended = Assert.IsType<CallChange.Ended>(CallRules.RemoveMember(withoutDan, "cat"));
        var declinedByBen = Joined(CallRules.Decline(Ringing("ben", "cat"), "ben"));
        var nobodyLeftToAnswer = Assert.IsType<CallChange.Ended>(CallRules.RemoveMember(declinedByBen, "cat"));

        Assert.Equal(["ana", "cat"], withoutBen.Participants.Keys.Order());
        Assert.Equal(["cat", "dan"], withoutBen.Invited);
        Assert.Equal(["cat"], withoutDan.Invited);
        Assert.Equal(CallEndReasons.HungUp, ended.Reason);
        Assert.Equal(CallEndReasons.Declined, nobodyLeftToAnswer.Reason);
        Assert.Same(withoutDan, Joined(CallRules.RemoveMember(withoutDan, "eve")));
    }
}
