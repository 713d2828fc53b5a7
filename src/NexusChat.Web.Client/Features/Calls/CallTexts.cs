using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>What a call shows in words: its timer, why it ended, and what went wrong in terms a user can act on.</summary>
public static class CallTexts
{
    /// <summary>"0:07", "12:34", "1:02:03".</summary>
    public static string Timer(TimeSpan elapsed)
    {
        var total = Math.Max(0, (long)elapsed.TotalSeconds);
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        return hours > 0 ? $"{hours}:{minutes:00}:{seconds:00}" : $"{minutes}:{seconds:00}";
    }

    /// <summary>A <c>getUserMedia</c> failure by its DOMException name.</summary>
    public static string MediaError(string errorName, bool video)
    {
        var devices = video ? "microphone and camera" : "microphone";
        return errorName switch
        {
            "NotAllowedError" or "SecurityError" =>
                $"NexusChat is not allowed to use your {devices}. Allow access in your browser's site settings, then try again.",
            "NotFoundError" or "OverconstrainedError" => $"No {devices} found. Connect one, then try again.",
            "NotReadableError" or "AbortError" => $"Your {devices} could not be started: another app may be using it.",
            _ => $"Your {devices} could not be opened ({errorName}).",
        };
    }

    public static string ConnectionFailed(string peerName) =>
        $"The connection to {peerName} failed and could not be restored. Your network may block calls.";

    /// <summary>A refused hub call (busy, full, gone) as the caller should read it.</summary>
    public static string Refused(HubError? error) => error switch
    {
        { Code: HubErrorCodes.Conflict } when error.Message.StartsWith("busy", StringComparison.Ordinal) => "They are in another call.",
        { Code: HubErrorCodes.Conflict } => $"The call could not be joined: {error.Message}.",
        { Code: HubErrorCodes.NotFound } => "That call has ended.",
        { Code: HubErrorCodes.RateLimited } => "Too many attempts; wait a moment and try again.",
        { } => $"The call failed: {error.Message}.",
        null => "The call failed: the server did not answer. Check your connection.",
    };

    /// <summary>What the call view says once a call is over.</summary>
    public static string Ended(string reason, TimeSpan? talked) => reason switch
    {
        CallEndReasons.Missed => "No answer.",
        CallEndReasons.Declined => "Call declined.",
        CallEndReasons.Cancelled => "Call cancelled.",
        CallEndReasons.Lost => "Call lost: the server lost contact with the participants.",
        CallEndReasons.Removed => "You are no longer in this conversation, so you left its call.",
        _ => talked is { } t ? $"Call ended · {Timer(t)}" : "Call ended.",
    };
}
