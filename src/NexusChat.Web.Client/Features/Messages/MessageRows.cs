using System.Globalization;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>What the message log renders: a day separator, or a message that starts a group or continues one.</summary>
public abstract record MessageRow(string Key);

public sealed record DaySeparatorRow(DateOnly Day, string Label) : MessageRow($"day:{Day:yyyy-MM-dd}");

/// <param name="StartsGroup">Shows the sender and time; a continuation shows only the text.</param>
public sealed record MessageItemRow(TimelineMessage Message, bool StartsGroup) : MessageRow(Message.Key);

/// <summary>
/// Turns the timeline into rows: a separator before each new local day, and consecutive messages from one sender
/// within <see cref="GroupWindow"/> of the previous one grouped under one header, as chat apps commonly do.
/// </summary>
public static class MessageRows
{
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<MessageRow> Build(IReadOnlyList<TimelineMessage> messages, TimeZoneInfo zone, DateTimeOffset now)
    {
        var rows = new List<MessageRow>(messages.Count + 4);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        TimelineMessage? previous = null;
        DateOnly? previousDay = null;
        foreach (var message in messages)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(message.CreatedAt, zone).DateTime);
            var newDay = day != previousDay;
            if (newDay)
            {
                rows.Add(new DaySeparatorRow(day, DayLabel(day, today)));
            }

            var continues = !newDay
                && previous is not null
                && previous.SenderId == message.SenderId
                && !previous.Deleted
                && message.ReplyToId is null
                && message.CreatedAt - previous.CreatedAt is var gap && gap >= TimeSpan.Zero && gap <= GroupWindow;
            rows.Add(new MessageItemRow(message, !continues));
            previous = message;
            previousDay = day;
        }

        return rows;
    }

    public static string DayLabel(DateOnly day, DateOnly today) =>
        day == today ? "Today"
        : day == today.AddDays(-1) ? "Yesterday"
        : day.Year == today.Year ? day.ToString("dddd, d MMMM", CultureInfo.InvariantCulture)
        : day.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
