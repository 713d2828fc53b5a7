using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

/// <summary>Up arrow's edit requests: each names the message and is a new request, even for the same message.</summary>
public sealed class EditRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachRequestIsNewAndNothingToEditKeepsThePreviousOne()
    {
        var mine = new TimelineMessage("m1", 1, "c1", "ana", "hello", Now, null, false, null, [], [], 1, SendState.Sent, []);

        var first = EditRequest.Next(mine, null);
        var second = EditRequest.Next(mine, first);

        Assert.Equal(new EditRequest("m1", 1), first);
        Assert.Equal(new EditRequest("m1", 2), second);
        Assert.NotEqual(first, second);
        Assert.Same(second, EditRequest.Next(null, second));
        Assert.Null(EditRequest.Next(null, null));
    }
}
