namespace NexusChat.Contracts.Calls;

/// <summary>One entry of <c>RTCConfiguration.iceServers</c>, as a browser's RTCPeerConnection takes it.</summary>
public sealed record IceServerDto(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>
/// What a client needs to set up a call's peer connection: the STUN/TURN servers with TURN REST credentials that
/// expire at <paramref name="ExpiresAt"/> (fetch new ones for a call that starts after that; a running call keeps
/// its allocation, coturn checks the credential only when it is used to allocate or refresh).
/// </summary>
public sealed record IceServersResponse(IReadOnlyList<IceServerDto> IceServers, DateTimeOffset ExpiresAt);
