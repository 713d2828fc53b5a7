using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class ConversationBusyErrorTests
{
    [Fact]
    public void ABusyConversationFailsAHubCallWithTheTypedBusyErrorAndWhenToRetry()
    {
        var exception = HubErrors.Busy(new ConversationBusyException("c1", TimeSpan.FromMilliseconds(1500)));

        var error = HubError.Parse($"An unexpected error occurred invoking 'SendMessage' on the server. HubException: {exception.Message}");

        Assert.Equal(HubError.Busy(2), error);
        Assert.Equal(HubErrorCodes.Busy, error?.Code);
    }
}
