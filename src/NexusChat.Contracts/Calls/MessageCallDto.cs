namespace NexusChat.Contracts.Calls;

/// <summary>
/// What a conversation's history says about one call (<see cref="Conversations.MessageDto.Call"/>): one message per call,
/// sent by the caller, changed in place as the call goes on. The call's duration is <paramref name="EndedAt"/> minus
/// <paramref name="AnsweredAt"/>.
/// </summary>
/// <param name="Kind">One of <see cref="CallKinds"/>.</param>
/// <param name="State"><see cref="CallStates.Ringing"/>, <see cref="CallStates.Active"/> or <see cref="CallStates.Ended"/>.</param>
/// <param name="AnsweredAt">When a second participant joined; null when nobody ever answered.</param>
/// <param name="EndReason">Once ended: one of <see cref="CallEndReasons"/>.</param>
/// <param name="Participants">Everyone who was ever in the call (the caller first), in the order they joined.</param>
public sealed record MessageCallDto(
    string CallId,
    string Kind,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    IReadOnlyList<string> Participants);
