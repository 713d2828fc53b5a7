using System.Globalization;
using NexusChat.Contracts.Calls;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>What a call's history message says (<see cref="MessageCallDto"/>), to the caller and to everyone else.</summary>
public static class CallHistoryText
{
    public static string KindName(MessageCallDto call) => call.Kind == CallKinds.Video ? "Video call" : "Audio call";

    /// <summary>
    /// Missed, for everyone but the caller: it ended before anyone answered because nobody did in time, the caller gave
    /// up, or it was declined (on another device, or by everyone else in a group call).
    /// </summary>
    public static bool IsMissed(MessageCallDto call, bool isCaller) =>
        !isCaller && call.State == CallStates.Ended && call.AnsweredAt is null
        && call.EndReason is CallEndReasons.Missed or CallEndReasons.Cancelled or CallEndReasons.Declined;

    /// <summary>"Call ended · 3 min 12 s · Ana, Bo", "Call in progress", "Missed call", …</summary>
    public static string Summary(MessageCallDto call, bool isCaller, Func<string, string> nameOf)
    {
        var names = string.Join(", ", call.Participants.Select(nameOf));
        if (call.State == CallStates.Ringing)
        {
            return "Ringing…";
        }

        if (call.State != CallStates.Ended)
        {
            return $"Call in progress · {names}";
        }

        if (call.AnsweredAt is { } answered)
        {
            return $"Call ended · {Duration((call.EndedAt ?? answered) - answered)} · {names}";
        }

        return IsMissed(call, isCaller) ? "Missed call" : call.EndReason switch
        {
            CallEndReasons.Declined => "Declined",
            CallEndReasons.Cancelled => "Cancelled",
            CallEndReasons.Missed => "No answer",
            _ => "Call failed",
        };
    }

    /// <summary>"12 s", "3 min 12 s", "1 h 5 min".</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, duration.TotalSeconds);
        return seconds switch
        {
            < 60 => $"{seconds} s",
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60} min"),
        };
    }
}
