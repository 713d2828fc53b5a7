using NexusChat.Contracts.Calls;
using NexusChat.Web.Client.Features.Calls;
using static NexusChat.Tests.WebClient.Calls.CallFixtures;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class CallMeshTests
{
    [Fact]
    public void WhoJoinsOffersToEveryoneAlreadyInTheCall()
    {
        var cleo = new CallMesh("cleo");

        var steps = cleo.Seated(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben"), Seat("cleo", "c-cleo")]));

        Assert.Equal(
            [new MeshStep(MeshStepKind.Connect, "ana", "c-ana", Polite: false, Initiate: true), new MeshStep(MeshStepKind.Connect, "ben", "c-ben", Polite: false, Initiate: true)],
            steps);
    }

    [Fact]
    public void ThoseAlreadyInWaitForTheNewcomersOfferAndAnswerItWhenItComes()
    {
        var ana = new CallMesh("ana");
        ana.Seated(Call(participants: [Seat("ana", "c-ana")]));

        Assert.Empty(ana.Updated(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben")])));
        Assert.Equal(new MeshStep(MeshStepKind.Connect, "ben", "c-ben", Polite: true, Initiate: false), ana.Signalled("ben", "c-ben"));
        Assert.Null(ana.Signalled("ben", "c-ben"));
    }

    [Fact]
    public void APeerThatMovedToAnotherConnectionIsRetargetedOnce()
    {
        var ben = new CallMesh("ben");
        ben.Seated(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben")]));

        var moved = Call(state: CallStates.Active, participants: [Seat("ana", "c-ana-2"), Seat("ben", "c-ben")]);

        Assert.Equal([new MeshStep(MeshStepKind.Retarget, "ana", "c-ana-2")], ben.Updated(moved));
        Assert.Empty(ben.Updated(moved));
        Assert.Equal("c-ana-2", ben.Targets["ana"]);
    }

    [Fact]
    public void RejoiningAfterAReconnectKeepsThePeerConnectionsThatExist()
    {
        var ana = new CallMesh("ana");
        var call = Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben")]);
        ana.Seated(call);

        Assert.Empty(ana.Seated(call with { Participants = [Seat("ana", "c-ana-new"), Seat("ben", "c-ben")] }));
    }

    [Fact]
    public void APeerWhoLeftIsDropped()
    {
        var ana = new CallMesh("ana");
        ana.Seated(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben"), Seat("cleo", "c-cleo")]));

        Assert.Equal([new MeshStep(MeshStepKind.Drop, "cleo", "")],
            ana.Updated(Call(state: CallStates.Active, participants: [Seat("ana", "c-ana"), Seat("ben", "c-ben")])));
    }

    [Fact]
    public void ExactlyOneSideOfEachPairIsPolite()
    {
        var ana = new CallMesh("ana").Signalled("ben", "c-ben")!;
        var ben = new CallMesh("ben").Signalled("ana", "c-ana")!;

        Assert.NotEqual(ana.Polite, ben.Polite);
    }

    [Fact]
    public void MyOwnSignalingIsNeverAPeer() => Assert.Null(new CallMesh("ana").Signalled("ana", "c-ana"));
}
