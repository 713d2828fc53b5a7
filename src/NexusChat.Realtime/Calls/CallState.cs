using NexusChat.Contracts.Calls;

namespace NexusChat.Realtime.Calls;

/// <summary>A call as kept in Redis (one JSON value per call, replaced whole by compare-and-set). Times in Unix ms.</summary>
public sealed record CallState(
    string Id,
    string ConversationId,
    string Kind,
    string State,
    string StartedBy,
    long StartedAt,
    long? AnsweredAt,
    IReadOnlyList<string> Invited,
    IReadOnlyList<string> Declined,
    IReadOnlyDictionary<string, CallSeat> Participants)
{
    public CallDto ToDto() => new(
        Id, ConversationId, Kind, State, StartedBy, Time(StartedAt), AnsweredAt is { } answered ? Time(answered) : null, Invited,
        [.. Participants.OrderBy(p => p.Value.JoinedAt).Select(p =>
            new CallParticipantDto(p.Key, p.Value.ConnectionId, Time(p.Value.JoinedAt), p.Value.Muted, p.Value.CameraOn))],
        Declined);

    public CallEndedDto Ended(string reason, long now) =>
        new(Id, ConversationId, reason, AnsweredAt is { } answered ? Time(answered) : null, Time(now));

    private static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}

/// <summary>One participant's place in a call: the connection signaling for them goes to, and their media state.</summary>
public sealed record CallSeat(string ConnectionId, long JoinedAt, bool Muted, bool CameraOn);
