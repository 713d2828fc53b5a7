using NexusChat.Contracts.Calls;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The one rule both providers apply when a call's history message is updated: a summary only ever moves forward.
/// Replicas write a call's changes independently (the one whose compare-and-set made each change), so a late
/// "someone joined" may arrive after "ended"; it must not undo it.
/// </summary>
public static class MessageCallChange
{
    /// <summary>
    /// The summary to store, or null when <paramref name="next"/> adds nothing to what <paramref name="message"/> says
    /// (not a call message, the call already ended, an older or equal state), which keeps a repeat from bumping the
    /// version. Participants and the answer time are kept from the stored summary: nobody who was in the call drops out.
    /// </summary>
    public static MessageCallDto? Apply(MessageRecord message, MessageCallDto next)
    {
        if (message.Call is not { } current || current.CallId != next.CallId || current.State == CallStates.Ended)
        {
            return null;
        }

        var participants = current.Participants.Union(next.Participants, StringComparer.Ordinal).ToList();
        var forward = Rank(next.State) > Rank(current.State)
            || (Rank(next.State) == Rank(current.State) && participants.Count > current.Participants.Count);
        return forward ? next with { AnsweredAt = current.AnsweredAt ?? next.AnsweredAt, Participants = participants } : null;
    }

    private static int Rank(string state) => state switch
    {
        CallStates.Ringing => 0,
        CallStates.Active => 1,
        CallStates.Ended => 2,
        _ => -1,
    };
}
