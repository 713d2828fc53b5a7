using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.ConversationSessionTests;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>Thread replies hold seqs of the conversation but show in the main timeline only when also sent to the channel.</summary>
public sealed class ConversationSessionThreadTests
{
    [Fact]
    public async Task ThreadOnlyRepliesStayOutOfTheTimelineAndRepliesAlsoSentToTheChannelShow()
    {
        var channel = new FakeConversationChannel
        {
            History = _ => Task.FromResult(new Contracts.Accounts.Page<Contracts.Conversations.MessageDto>(
                [Stored(3) with { ThreadId = "m1" }, Stored(2), Stored(1)], null)),
        };
        var session = Open(channel);
        await session.LoadAsync();

        session.Receive(Stored(4) with { ThreadId = "m1" });
        session.Receive(Stored(5) with { ThreadId = "m1", AlsoToChannel = true });

        Assert.Equal([1L, 2L, 5L], Shown(session).Select(m => m.Seq!.Value));
    }
}
