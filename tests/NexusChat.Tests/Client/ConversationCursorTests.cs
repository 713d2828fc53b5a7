using NexusChat.Client;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Tests.Client;

/// <summary>The ordering and dedupe rules the reusable client applies to what the wire delivers.</summary>
public sealed class ConversationCursorTests
{
    [Fact]
    public void DeliversTheNextSeqAndRecognisesDuplicates()
    {
        var cursor = new ConversationCursor(lastSeq: 4, syncedVersion: 10);

        Assert.Equal(SeqPosition.AlreadyDelivered, cursor.Place(4));
        Assert.Equal(SeqPosition.Next, cursor.Place(5));
        Assert.Equal(SeqPosition.AfterGap, cursor.Place(7));

        cursor.Advance(Message(5, version: 11));
        Assert.Equal(5, cursor.LastSeq);
        Assert.Equal(SeqPosition.AlreadyDelivered, cursor.Place(5));
    }

    [Fact]
    public void MessagesHeldBehindAGapAreReleasedInSeqOrderOnceTheGapCloses()
    {
        var cursor = new ConversationCursor(0, 0);
        cursor.Hold(Message(3, 3));
        cursor.Hold(Message(2, 2));
        cursor.Hold(Message(5, 5));
        Assert.True(cursor.HasGap);

        cursor.Advance(Message(1, 1));
        var released = cursor.ReleaseHeld().Select(m => m.Seq).ToList();

        Assert.Equal([2L, 3L], released);
        Assert.Equal(3, cursor.LastSeq);
        Assert.True(cursor.HasGap, "5 still waits for 4");
    }

    [Fact]
    public void CatchingUpDropsHeldMessagesItCovers()
    {
        var cursor = new ConversationCursor(0, 0);
        cursor.Hold(Message(2, 2));

        cursor.CatchUp(10);

        Assert.False(cursor.HasGap);
        Assert.Equal(SeqPosition.Next, cursor.Place(11));
    }

    [Fact]
    public void AChangeIsTakenOnlyWhenNewerThanWhatWasDelivered()
    {
        var cursor = new ConversationCursor(0, 0);
        cursor.Advance(Message(1, version: 5));

        Assert.False(cursor.TakeUpdate(Message(1, version: 5)));
        Assert.False(cursor.TakeUpdate(Message(1, version: 4)));
        Assert.True(cursor.TakeUpdate(Message(1, version: 6)));
        Assert.False(cursor.TakeUpdate(Message(1, version: 6)));
    }

    [Fact]
    public void AChangeThatOvertookItsMessageIsAppliedWhenTheMessageArrives()
    {
        var cursor = new ConversationCursor(0, 0);
        cursor.HoldUpdate(Message(1, version: 3, text: "edited"));
        cursor.HoldUpdate(Message(1, version: 2, text: "older edit"));

        var created = Message(1, version: 1, text: "original");
        cursor.Advance(created);

        Assert.Equal("edited", cursor.TakeEarlyUpdate(created)?.Text);
        Assert.Null(cursor.TakeEarlyUpdate(created));
    }

    [Fact]
    public void AHeldChangeOlderThanTheDeliveredMessageIsDropped()
    {
        var cursor = new ConversationCursor(0, 0);
        cursor.HoldUpdate(Message(1, version: 2));
        var created = Message(1, version: 4);
        cursor.Advance(created);

        Assert.Null(cursor.TakeEarlyUpdate(created));
    }

    private static MessageDto Message(long seq, long version, string text = "hi") =>
        new($"m{seq}", "c1", seq, "u1", text, DateTimeOffset.UnixEpoch, null, false, null, [], [], $"client-{seq}", [], version);
}
