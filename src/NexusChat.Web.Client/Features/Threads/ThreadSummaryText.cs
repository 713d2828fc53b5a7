using System.Globalization;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Threads;

/// <summary>What a thread root says about its replies: "3 replies · last reply 14:05" (a date when not today).</summary>
public static class ThreadSummaryText
{
    public static string Of(ThreadSummaryDto thread, TimeZoneInfo zone, DateTimeOffset now)
    {
        var count = thread.ReplyCount == 1 ? "1 reply" : $"{thread.ReplyCount.ToString(CultureInfo.InvariantCulture)} replies";
        var last = TimeZoneInfo.ConvertTime(thread.LastReplyAt, zone);
        var when = last.Date == TimeZoneInfo.ConvertTime(now, zone).Date
            ? last.ToString("HH:mm", CultureInfo.InvariantCulture)
            : last.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);
        return $"{count} · last reply {when}";
    }

    /// <summary>Initials of a display name ("Ana Lopez" → "AL"), for the participants shown beside the count.</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));
}
