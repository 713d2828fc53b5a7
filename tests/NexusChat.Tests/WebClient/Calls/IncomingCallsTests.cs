using NexusChat.Contracts.Calls;
using NexusChat.Web.Client.Features.Calls;
using static NexusChat.Tests.WebClient.Calls.CallFixtures;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class IncomingCallsTests
{
    private readonly IncomingCalls _ben = new("ben");

    [Fact]
    public void ACallThatInvitesMeRingsUntilItEnds()
    {
        Assert.True(_ben.Ring(Call()));
        Assert.Equal("call-1", Assert.Single(_ben.Ringing).Id);

        Assert.True(_ben.Stop("call-1"));
        Assert.Empty(_ben.Ringing);
    }

    [Fact]
    public void ACallThatDoesNotInviteMeDoesNotRing()
    {
        Assert.False(_ben.Ring(Call(invited: ["cleo"])));
        Assert.Empty(_ben.Ringing);
    }

    [Fact]
    public void AnsweringOnAnotherDeviceStopsTheRingHere()
    {
        _ben.Ring(Call());

        Assert.True(_ben.Update(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben-phone")])));
        Assert.Empty(_ben.Ringing);
    }

    [Fact]
    public void DecliningOnAnotherDeviceStopsTheRingHere()
    {
        _ben.Ring(Call(invited: ["ben", "cleo"]));

        Assert.True(_ben.Update(Call(invited: ["ben", "cleo"], declined: ["ben"])));
        Assert.Empty(_ben.Ringing);
    }

    [Fact]
    public void SomeoneElseAnsweringAGroupCallKeepsItRingingForMe()
    {
        _ben.Ring(Call(invited: ["ben", "cleo"]));

        Assert.False(_ben.Update(Call(state: CallStates.Active, invited: ["ben", "cleo"], participants: [Seat("ana", "c-ana"), Seat("cleo", "c-cleo")])));
        Assert.Equal(CallStates.Active, Assert.Single(_ben.Ringing).State);
    }

    [Fact]
    public void AnUpdateOfACallThatNeverRangHereDoesNotStartARing()
    {
        Assert.False(_ben.Update(Call()));
        Assert.Empty(_ben.Ringing);
    }

    [Fact]
    public void ARepeatedRingShowsOneDialog()
    {
        _ben.Ring(Call());
        _ben.Ring(Call());

        Assert.Single(_ben.Ringing);
    }

    [Fact]
    public void ARingForACallIAlreadyDeclinedIsIgnored()
    {
        Assert.False(_ben.Ring(Call(declined: ["ben"])));
        Assert.Empty(_ben.Ringing);
    }
}
