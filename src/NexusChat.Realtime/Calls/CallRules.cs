using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Realtime.Calls;

/// <summary>What a step did to a call: changed it, ended it, or was refused (the call stays as it was).</summary>
public abstract record CallChange
{
    public sealed record Updated(CallState Call) : CallChange;

    public sealed record Ended(CallState Call, string Reason) : CallChange;

    public sealed record Refused(HubError Error) : CallChange;

    /// <summary>The step changed nothing (the rules hand back the very same state): nothing is written or announced.</summary>
    public sealed record Unchanged(CallState Call) : CallChange;
}

/// <summary>
/// How a call moves between states, as pure functions of the current state (no Redis, no clock of its own), so every
/// replica decides alike and each rule is unit-tested. <see cref="CallStore"/> applies them by compare-and-set.
/// </summary>
public static class CallRules
{
    public static CallState Start(
        string callId, string conversationId, string kind, string userId, string connectionId, IReadOnlyList<string> invited, long now) =>
        new(callId, conversationId, kind, CallStates.Ringing, userId, now, null, invited, [],
            new Dictionary<string, CallSeat> { [userId] = new(connectionId, now, false, kind == CallKinds.Video) });

    /// <summary>
    /// The user joins (or answers) from this connection; joining again moves them to the new connection (a reconnect to
    /// another replica, or another device taking the call over) and keeps their media state.
    /// </summary>
    public static CallChange Join(CallState call, string userId, string connectionId, long now)
    {
        var participants = new Dictionary<string, CallSeat>(call.Participants);
        if (participants.TryGetValue(userId, out var seat))
        {
            if (seat.ConnectionId == connectionId)
            {
                return new CallChange.Updated(call);
            }

            participants[userId] = seat with { ConnectionId = connectionId };
            return new CallChange.Updated(call with { Participants = participants });
        }

        if (participants.Count >= CallLimits.MaxParticipants)
        {
            return new CallChange.Refused(HubError.Conflict($"the call is full ({CallLimits.MaxParticipants} participants)"));
        }

        participants[userId] = new CallSeat(connectionId, now, false, call.Kind == CallKinds.Video);
        var answered = participants.Count >= 2;
        return new CallChange.Updated(call with
        {
            Participants = participants,
            State = answered ? CallStates.Active : call.State,
            AnsweredAt = call.AnsweredAt ?? (answered ? now : null),
            Declined = [.. call.Declined.Where(d => d != userId)],
        });
    }

    /// <summary>An invited user declines (anyone else's decline changes nothing); when everyone invited has, the ringing call ends.</summary>
    public static CallChange Decline(CallState call, string userId)
    {
        if (call.Participants.ContainsKey(userId) || call.Declined.Contains(userId) || !call.Invited.Contains(userId))
        {
            return new CallChange.Updated(call);
        }

        var declined = call with { Declined = [.. call.Declined, userId] };
        return call.State == CallStates.Ringing && call.Invited.Count > 0 && call.Invited.All(declined.Declined.Contains)
            ? new CallChange.Ended(declined, CallEndReasons.Declined)
            : new CallChange.Updated(declined);
    }

    /// <summary>The user hangs up (the caller cancelling a ringing call included).</summary>
    public static CallChange Leave(CallState call, string userId) =>
        call.Participants.ContainsKey(userId) ? Without(call, [userId], CallEndReasons.HungUp) : new CallChange.Updated(call);

    /// <summary>
    /// A member removed from the conversation (or who left it) is out of its call: no longer a participant, rung or
    /// listed as declining. The call goes on without them, and ends as a hang-up would when too few remain.
    /// </summary>
    public static CallChange RemoveMember(CallState call, string userId)
    {
        var participant = call.Participants.ContainsKey(userId);
        if (!participant && !call.Invited.Contains(userId) && !call.Declined.Contains(userId))
        {
            return new CallChange.Updated(call);
        }

        var uninvited = call with { Invited = [.. call.Invited.Where(u => u != userId)], Declined = [.. call.Declined.Where(u => u != userId)] };
        if (participant)
        {
            return Without(uninvited, [userId], CallEndReasons.HungUp);
        }

        // Taking out the one invitee who had not declined leaves a ringing call that everyone left declined.
        return uninvited.State == CallStates.Ringing && uninvited.Invited.Count > 0 && uninvited.Invited.All(uninvited.Declined.Contains)
            ? new CallChange.Ended(uninvited, CallEndReasons.Declined)
            : new CallChange.Updated(uninvited);
    }

    public static CallChange SetMedia(CallState call, string userId, bool muted, bool cameraOn)
    {
        if (!call.Participants.TryGetValue(userId, out var seat))
        {
            return new CallChange.Refused(HubError.Forbidden("you are not in this call"));
        }

        if (seat.Muted == muted && seat.CameraOn == cameraOn)
        {
            return new CallChange.Updated(call);
        }

        var participants = new Dictionary<string, CallSeat>(call.Participants) { [userId] = seat with { Muted = muted, CameraOn = cameraOn } };
        return new CallChange.Updated(call with { Participants = participants });
    }

    /// <summary>
    /// The periodic check any replica may run: a call nobody answered within <paramref name="ringTimeout"/> is missed,
    /// and participants whose connection was last renewed before <paramref name="staleBefore"/> are dropped.
    /// </summary>
    public static CallChange Sweep(CallState call, IReadOnlyDictionary<string, long> renewedAt, long now, long ringTimeout, long staleBefore)
    {
        if (call.State == CallStates.Ringing && now - call.StartedAt >= ringTimeout)
        {
            return new CallChange.Ended(call, CallEndReasons.Missed);
        }

        var stale = call.Participants.Keys
            .Where(user => (renewedAt.TryGetValue(user, out var at) ? at : call.Participants[user].JoinedAt) < staleBefore)
            .ToList();
        return stale.Count == 0 ? new CallChange.Updated(call) : Without(call, stale, CallEndReasons.Lost);
    }

    // A ringing call ends when its caller leaves; an answered one when fewer than two remain.
    private static CallChange Without(CallState call, IReadOnlyList<string> leaving, string reason)
    {
        var participants = call.Participants.Where(p => !leaving.Contains(p.Key)).ToDictionary();
        var left = call with { Participants = participants };
        if (call.State == CallStates.Ringing)
        {
            return participants.Count == 0 ? new CallChange.Ended(left, reason == CallEndReasons.Lost ? reason : CallEndReasons.Cancelled)
                : new CallChange.Updated(left);
        }

        return participants.Count < 2 ? new CallChange.Ended(left, reason) : new CallChange.Updated(left);
    }
}
