using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class MessageRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    internal static TimelineMessage Message(long seq, string sender, DateTimeOffset at, string? replyTo = null, bool deleted = false) =>
        new($"m{seq}", seq, $"c{seq}", sender, deleted ? null : $"text {seq}", at, null, deleted, replyTo, [], [], seq, SendState.Sent, []);

    [Fact]
    public void ConsecutiveMessagesFromOneSenderWithinFiveMinutesFormOneGroup()
    {
        var rows = MessageRows.Build(
        [
            Message(1, "ana", Now.AddMinutes(-10)),
            Message(2, "ana", Now.AddMinutes(-8)),
            Message(3, "ana", Now.AddMinutes(-3)),
        ], TimeZoneInfo.Utc, Now);

        var items = rows.OfType<MessageItemRow>().ToList();
        Assert.Equal([true, false, false], items.Select(i => i.StartsGroup));
    }

    [Fact]
    public void AnotherSenderOrALongPauseStartsANewGroup()
    {
        var rows = MessageRows.Build(
        [
            Message(1, "ana", Now.AddMinutes(-30)),
            Message(2, "bo", Now.AddMinutes(-29)),
            Message(3, "bo", Now.AddMinutes(-20)),
            Message(4, "bo", Now.AddMinutes(-15)),
        ], TimeZoneInfo.Utc, Now);

        var items = rows.OfType<MessageItemRow>().ToList();
        Assert.Equal([true, true, true, false], items.Select(i => i.StartsGroup));
    }

    [Fact]
    public void RepliesAndMessagesAfterADeletedOneShowTheirSender()
    {
        var rows = MessageRows.Build(
        [
            Message(1, "ana", Now.AddMinutes(-4)),
            Message(2, "ana", Now.AddMinutes(-3), replyTo: "m1"),
            Message(3, "ana", Now.AddMinutes(-2), deleted: true),
            Message(4, "ana", Now.AddMinutes(-1)),
        ], TimeZoneInfo.Utc, Now);

        Assert.Equal([true, true, false, true], rows.OfType<MessageItemRow>().Select(i => i.StartsGroup));
    }

    [Fact]
    public void EachNewDayGetsASeparatorAndStartsANewGroup()
    {
        var rows = MessageRows.Build(
        [
            Message(1, "ana", new DateTimeOffset(2025, 12, 31, 23, 58, 0, TimeSpan.Zero)),
            Message(2, "ana", new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)),
            Message(3, "ana", new DateTimeOffset(2026, 3, 13, 23, 59, 0, TimeSpan.Zero)),
            Message(4, "ana", new DateTimeOffset(2026, 3, 14, 0, 1, 0, TimeSpan.Zero)),
        ], TimeZoneInfo.Utc, Now);

        Assert.Equal(
            ["Wednesday, 31 December 2025", "text 1", "Thursday, 12 March", "text 2", "Yesterday", "text 3", "Today", "text 4"],
            rows.Select(r => r switch
            {
                DaySeparatorRow day => day.Label,
                MessageItemRow item => item.Message.Text!,
                _ => "?",
            }));
        Assert.All(rows.OfType<MessageItemRow>(), item => Assert.True(item.StartsGroup));
    }

    [Fact]
    public void DaysFollowTheReadersTimeZone()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");
        var rows = MessageRows.Build(
        [
            Message(1, "ana", new DateTimeOffset(2026, 3, 13, 14, 0, 0, TimeSpan.Zero)),
            Message(2, "ana", new DateTimeOffset(2026, 3, 13, 16, 0, 0, TimeSpan.Zero)),
        ], tokyo, Now);

        Assert.Equal(["Yesterday", "Today"], rows.OfType<DaySeparatorRow>().Select(d => d.Label));
    }

    [Fact]
    public void NoMessagesNoRows() => Assert.Empty(MessageRows.Build([], TimeZoneInfo.Utc, Now));
}
