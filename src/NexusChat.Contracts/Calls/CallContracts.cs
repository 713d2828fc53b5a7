namespace NexusChat.Contracts.Calls;

/// <summary>
/// A call in a conversation as every member sees it. One call per conversation at a time; a user takes part in one call
/// at a time, from one connection (<see cref="CallParticipantDto.ConnectionId"/>, where signaling for them goes).
/// </summary>
/// <param name="Kind">One of <see cref="CallKinds"/>: what the caller started with; anyone may turn the camera on later.</param>
/// <param name="State">One of <see cref="CallStates"/>.</param>
/// <param name="Invited">The users rung: the other member of a direct conversation, the invitees named in a channel.</param>
/// <param name="AnsweredAt">When a second participant joined; null while nobody has answered.</param>
/// <param name="Declined">The invited who declined: a device of theirs that still rings stops.</param>
public sealed record CallDto(
    string Id,
    string ConversationId,
    string Kind,
    string State,
    string StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    IReadOnlyList<string> Invited,
    IReadOnlyList<CallParticipantDto> Participants,
    IReadOnlyList<string> Declined);

public sealed record CallParticipantDto(string UserId, string ConnectionId, DateTimeOffset JoinedAt, bool Muted, bool CameraOn);

/// <summary>WebRTC signaling from one participant's connection to another's, relayed as is.</summary>
/// <param name="Type">One of <see cref="CallSignalTypes"/>.</param>
/// <param name="Payload">The SDP (offer, answer) or the ICE candidate as JSON, at most <see cref="CallLimits.MaxSignalPayloadChars"/>.</param>
public sealed record CallSignalDto(string CallId, string FromUserId, string FromConnectionId, string Type, string Payload);

/// <param name="Reason">One of <see cref="CallEndReasons"/>.</param>
public sealed record CallEndedDto(string CallId, string ConversationId, string Reason, DateTimeOffset? AnsweredAt, DateTimeOffset EndedAt);

public static class CallKinds
{
    public const string Audio = "audio";
    public const string Video = "video";
}

public static class CallStates
{
    /// <summary>Started, nobody has answered yet; the invited are being rung.</summary>
    public const string Ringing = "ringing";

    /// <summary>At least two people have been in it.</summary>
    public const string Active = "active";

    /// <summary>Only in the history (<see cref="MessageCallDto"/>): a running call is never ended.</summary>
    public const string Ended = "ended";
}

public static class CallEndReasons
{
    /// <summary>The last but one participant left an answered call.</summary>
    public const string HungUp = "hung-up";

    /// <summary>The caller left before anyone answered.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Everyone invited declined.</summary>
    public const string Declined = "declined";

    /// <summary>Nobody answered within the ring timeout.</summary>
    public const string Missed = "missed";

    /// <summary>The participants' servers stopped renewing them (a crash, a lost network) until too few were left.</summary>
    public const string Lost = "lost";

    /// <summary>
    /// Sent only to the devices of a member removed from the conversation (or who left it): the call, if it goes on,
    /// goes on without them, and they hear nothing more of it.
    /// </summary>
    public const string Removed = "removed";
}

public static class CallSignalTypes
{
    public const string Offer = "offer";
    public const string Answer = "answer";
    public const string Candidate = "candidate";
}

public static class CallLimits
{
    /// <summary>A group call is a mesh: every participant sends to every other, so it stays small.</summary>
    public const int MaxParticipants = 6;

    public const int MaxInvitees = MaxParticipants - 1;

    /// <summary>An SDP with audio, video and a data channel is 3–8 KB; candidates are a few hundred bytes.</summary>
    public const int MaxSignalPayloadChars = 16_384;
}
