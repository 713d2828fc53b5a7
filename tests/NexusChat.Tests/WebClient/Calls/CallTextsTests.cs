using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Web.Client.Features.Calls;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class CallTextsTests
{
    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(7, "0:07")]
    [InlineData(754, "12:34")]
    [InlineData(3723, "1:02:03")]
    [InlineData(-3, "0:00")]
    public void TheTimerShowsMinutesAndSecondsAndHoursOnceThereAreAny(int seconds, string expected) =>
        Assert.Equal(expected, CallTexts.Timer(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ADeniedPermissionSaysWhereToAllowIt()
    {
        var text = CallTexts.MediaError("NotAllowedError", video: true);

        Assert.Contains("not allowed to use your microphone and camera", text);
        Assert.Contains("site settings", text);
    }

    [Fact]
    public void AMissingDeviceSaysWhichOne()
    {
        Assert.Equal("No microphone found. Connect one, then try again.", CallTexts.MediaError("NotFoundError", video: false));
        Assert.StartsWith("No microphone and camera found", CallTexts.MediaError("NotFoundError", video: true));
    }

    [Fact]
    public void ADeviceInUseElsewhereIsNamedAsSuch() => Assert.Contains("another app", CallTexts.MediaError("NotReadableError", video: true));

    [Fact]
    public void AnUnknownMediaErrorKeepsItsName() => Assert.Contains("(TypeError)", CallTexts.MediaError("TypeError", video: false));

    [Fact]
    public void AFailedConnectionNamesThePeer() => Assert.StartsWith("The connection to Ben failed", CallTexts.ConnectionFailed("Ben"));

    [Fact]
    public void RefusalsSayWhy()
    {
        Assert.Equal("They are in another call.", CallTexts.Refused(HubError.Conflict("busy: ben is in another call")));
        Assert.Equal("That call has ended.", CallTexts.Refused(HubError.NotFound("call")));
        Assert.Contains("did not answer", CallTexts.Refused(null));
    }

    [Fact]
    public void EachEndReasonHasItsOwnWords()
    {
        Assert.Equal("No answer.", CallTexts.Ended(CallEndReasons.Missed, null));
        Assert.Equal("Call declined.", CallTexts.Ended(CallEndReasons.Declined, null));
        Assert.Equal("Call cancelled.", CallTexts.Ended(CallEndReasons.Cancelled, null));
        Assert.Equal("You are no longer in this conversation, so you left its call.", CallTexts.Ended(CallEndReasons.Removed, null));
        Assert.StartsWith("Call lost", CallTexts.Ended(CallEndReasons.Lost, TimeSpan.FromSeconds(3)));
        Assert.Equal("Call ended · 1:05", CallTexts.Ended(CallEndReasons.HungUp, TimeSpan.FromSeconds(65)));
        Assert.Equal("Call ended.", CallTexts.Ended(CallEndReasons.HungUp, null));
    }
}
