using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static MessageDto Stored(long seq, string clientId = "", long version = 0, string sender = "ana", string text = "hi") =>
        new($"m{seq}", "conv", seq, sender, text, Now, null, false, null, [], [], clientId.Length > 0 ? clientId : $"c{seq}", [],
            version == 0 ? seq : version);

    [Fact]
    public void MessagesAreKeptOnceInSeqOrderWhateverTheArrivalOrder()
    {
        var timeline = new Timeline();

        timeline.AddHistory([Stored(5), Stored(4)], hasOlder: true);
        timeline.Apply(Stored(7));
        timeline.Apply(Stored(6));
        timeline.Apply(Stored(6));

        Assert.Equal([4L, 5L, 6L, 7L], timeline.Messages.Select(m => m.Seq!.Value));
        Assert.Equal(4, timeline.OldestSeq);
        Assert.True(timeline.HasOlder);
    }

    [Fact]
    public void AnOlderVersionDoesNotUndoANewerOne()
    {
        var timeline = new Timeline();
        timeline.Apply(Stored(1, version: 9, text: "edited"));

        Assert.False(timeline.Apply(Stored(1, version: 3, text: "original")));
        Assert.Equal("edited", timeline.Messages.Single().Text);
    }

    [Fact]
    public void TheStoredMessageReplacesItsOptimisticCopy()
    {
        var timeline = new Timeline();
        timeline.Apply(Stored(1));
        timeline.AddUnsent(TimelineMessage.Pending("mine-1", "ana", "hello", null, Now));
        Assert.Equal(SendState.Pending, timeline.Messages[^1].State);

        timeline.Apply(Stored(2, clientId: "mine-1", text: "hello"));

        Assert.Equal([SendState.Sent, SendState.Sent], timeline.Messages.Select(m => m.State));
        Assert.Equal("c:mine-1", timeline.Messages[^1].Key);
    }

    [Fact]
    public void AFailedSendCanBeRetriedWithItsClientMessageId()
    {
        var timeline = new Timeline();
        timeline.AddUnsent(TimelineMessage.Pending("mine-1", "ana", "hello", null, Now));

        timeline.SetState("mine-1", SendState.Failed);
        Assert.Equal(SendState.Failed, timeline.FindUnsent("mine-1")!.State);
        timeline.SetState("mine-1", SendState.Pending);

        Assert.Equal(SendState.Pending, timeline.Messages.Single().State);
    }
}
