using NexusChat.Contracts.Calls;

namespace NexusChat.Tests.WebClient.Calls;

/// <summary>Calls as the hub describes them, for the client's call logic.</summary>
public static class CallFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static CallParticipantDto Seat(string userId, string connectionId, bool muted = false, bool cameraOn = true) =>
        new(userId, connectionId, Start, muted, cameraOn);

    public static CallDto Call(
        string id = "call-1", string state = CallStates.Ringing, string[]? invited = null, CallParticipantDto[]? participants = null,
        string[]? declined = null, string kind = CallKinds.Video, string startedBy = "ana") =>
        new(id, "conv-1", kind, state, startedBy, Start, state == CallStates.Active ? Start : null, invited ?? ["ben"],
            participants ?? [Seat(startedBy, "c-ana")], declined ?? []);
}
