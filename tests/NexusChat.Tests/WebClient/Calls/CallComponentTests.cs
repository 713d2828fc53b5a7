using Bunit;
using NexusChat.Contracts.Calls;
using NexusChat.Web.Client.Features.Calls;
using static NexusChat.Tests.WebClient.Calls.CallFixtures;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class CallComponentTests : PeopleContext
{
    [Fact]
    public void ATileShowsTheVideoOfItsPeerAndItsQuality()
    {
        var tile = Render<CallTile>(p => p.Add(t => t.Peer, CallPeer.Joined("ben", muted: false, cameraOn: true)
            with { State = "connected", Quality = new ConnectionQuality(420, 7.5), Relayed = true }));

        var figure = tile.Find("figure.call-tile");
        Assert.Equal("poor", figure.GetAttribute("data-quality"));
        Assert.Equal("true", figure.GetAttribute("data-relayed"));
        Assert.Equal("ben", tile.Find("video[data-call-peer]").GetAttribute("data-call-peer"));
        Assert.Equal("Poor connection · 420 ms, 7.5 % loss", tile.Find(".call-quality").TextContent);
        Assert.Empty(tile.FindAll(".call-tile-muted"));
    }

    [Fact]
    public void AMutedPeerWithItsCameraOffShowsTheMicrophoneOffAndTheAvatar()
    {
        var tile = Render<CallTile>(p => p.Add(t => t.Peer, CallPeer.Joined("ben", muted: true, cameraOn: false)));

        Assert.Contains("microphone off", tile.Find(".call-tile-muted").TextContent);
        Assert.Single(tile.FindAll(".call-tile-avatar"));
        Assert.Contains("camera-off", tile.Find("video").ClassList);
    }

    [Fact]
    public void AFailedPeerSaysSo()
    {
        var tile = Render<CallTile>(p => p.Add(t => t.Peer, CallPeer.Joined("ben", false, true) with { State = "failed", Failed = true }));

        Assert.Equal("Connection failed", tile.Find(".call-quality").TextContent);
    }

    [Fact]
    public void TheIncomingCallDialogSaysWhoCallsHowAndOffersAcceptAndDecline()
    {
        var accepted = 0;
        var declined = 0;
        var dialog = Render<IncomingCallDialog>(p => p
            .Add(d => d.Call, Call(kind: CallKinds.Audio))
            .Add(d => d.OnAccept, () => accepted++)
            .Add(d => d.OnDecline, () => declined++));

        Assert.Equal("alertdialog", dialog.Find("section").GetAttribute("role"));
        Assert.Contains("is calling", dialog.Find("h2").TextContent);
        Assert.StartsWith("Audio call", dialog.Find("p").TextContent);
        dialog.FindAll("button").Single(b => b.TextContent == "Accept").Click();
        dialog.FindAll("button").Single(b => b.TextContent == "Decline").Click();
        Assert.Equal((1, 1), (accepted, declined));
    }
}
