using NexusChat.Contracts.Calls;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// What a conversation's history says about a call, as a pure function of the call (no store, no clock of its own),
/// so every replica writes the same summary for the same change. The store keeps it moving forward only and keeps
/// everyone who was ever in the call (<see cref="Storage.Conversations.MessageCallChange"/>).
/// </summary>
public static class CallHistoryRule
{
    /// <param name="endReason">One of <see cref="CallEndReasons"/> when this change ended the call; null while it runs.</param>
    /// <param name="now">Unix ms: the end time when it ended.</param>
    public static MessageCallDto Summarize(CallState call, string? endReason, long now) => new(
        call.Id,
        call.Kind,
        endReason is null ? call.State : CallStates.Ended,
        Time(call.StartedAt),
        call.AnsweredAt is { } answered ? Time(answered) : null,
        endReason is null ? null : Time(now),
        endReason,
        // The caller first even once they left (a cancelled call has nobody left in it), then by when each joined.
        [call.StartedBy, .. call.Participants.Where(p => p.Key != call.StartedBy).OrderBy(p => p.Value.JoinedAt).Select(p => p.Key)]);

    private static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
