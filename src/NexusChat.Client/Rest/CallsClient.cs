using NexusChat.Contracts.Calls;

namespace NexusChat.Client.Rest;

/// <summary>/api/calls: what a peer connection needs from the server besides the hub.</summary>
public sealed class CallsClient(RestTransport transport)
{
    /// <summary>STUN/TURN servers with TURN credentials of the caller's own; fetch them for each call (they expire).</summary>
    public Task<IceServersResponse> GetIceServersAsync(CancellationToken cancellationToken = default) =>
        transport.SendAsync<IceServersResponse>(HttpMethod.Get, "api/calls/ice-servers", null, cancellationToken);
}
