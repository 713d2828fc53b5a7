using NexusChat.Contracts.Realtime;

namespace NexusChat.Tests.Realtime;

/// <summary>The one hub error format: what the server writes, the client reads back as it came through SignalR.</summary>
public sealed class HubErrorTests
{
    private const string SignalRPrefix = "An unexpected error occurred invoking 'SendMessage' on the server. HubException: ";

    public static TheoryData<HubError> Errors() =>
    [
        HubError.Validation("text", "A message needs text."),
        HubError.Validation("text", "colons: in: the reason stay"),
        HubError.NotFound("conversation"),
        HubError.Forbidden("Join the channel first."),
        HubError.Conflict("the message was deleted"),
        HubError.RateLimited(17),
    ];

    [Theory]
    [MemberData(nameof(Errors))]
    public void AnErrorReadsBackAsItWasWrittenThroughSignalRsPrefix(HubError error) =>
        Assert.Equal(error, HubError.Parse(SignalRPrefix + error));

    [Fact]
    public void ARateLimitCarriesItsWaitInSeconds() =>
        Assert.Equal(17, HubError.Parse(SignalRPrefix + "rate_limited: retry in 17 s")?.RetryAfterSeconds);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("An unexpected error occurred invoking 'SendMessage' on the server.")]
    [InlineData(SignalRPrefix + "something broke")]
    [InlineData(SignalRPrefix + "validation: no field")]
    [InlineData(SignalRPrefix + "rate_limited: soon")]
    [InlineData(SignalRPrefix + "teapot: short and stout")]
    public void AMessageInAnotherFormatIsNoTypedError(string? message) => Assert.Null(HubError.Parse(message));
}
