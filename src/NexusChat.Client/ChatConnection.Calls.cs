using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Client;

// Calls (docs/calls.md): signaling only; the media goes between the browsers. Call pushes run on the work loop like
// every other push, in arrival order, so an offer is always handled before the candidates that follow it.
public sealed partial class ChatConnection
{
    /// <summary>The user is invited to a call: ring on this device until the call shows them joined or declined, or it ends.</summary>
    public event Action<CallDto>? CallRinging;

    /// <summary>A call in one of the user's conversations started or changed (joined, left, moved to a new connection, muted).</summary>
    public event Action<CallDto>? CallUpdated;

    public event Action<CallEndedDto>? CallEnded;

    /// <summary>An SDP or ICE candidate for this connection from another participant.</summary>
    public event Action<CallSignalDto>? CallSignalReceived;

    /// <summary>Starts a call from this connection (or joins the conversation's running one); the answer names this connection.</summary>
    /// <param name="invitees">Whom to ring in a channel (members, at most <see cref="CallLimits.MaxInvitees"/>); ignored in a direct conversation.</param>
    public Task<CallDto> StartCallAsync(string conversationId, string kind, IReadOnlyList<string>? invitees = null, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CallDto>(nameof(IChatHub.StartCall), conversationId, kind, invitees, cancellationToken);

    /// <summary>Answers or joins a call from this connection; call it again after a reconnect to move the seat here.</summary>
    public Task<CallDto> JoinCallAsync(string callId, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CallDto>(nameof(IChatHub.JoinCall), callId, cancellationToken);

    public Task DeclineCallAsync(string callId, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync(nameof(IChatHub.DeclineCall), callId, cancellationToken);

    public Task LeaveCallAsync(string callId, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync(nameof(IChatHub.LeaveCall), callId, cancellationToken);

    public Task<CallDto> SetCallMediaAsync(string callId, bool muted, bool cameraOn, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CallDto>(nameof(IChatHub.SetCallMedia), callId, muted, cameraOn, cancellationToken);

    /// <summary>Relays an SDP or candidate to one participant's current connection (its <c>connectionId</c> in the latest call).</summary>
    public Task SendCallSignalAsync(string callId, string toConnectionId, string type, string payload, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync(nameof(IChatHub.SendCallSignal), callId, toConnectionId, type, payload, cancellationToken);

    public Task<CallDto?> GetCallAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<CallDto?>(nameof(IChatHub.GetCall), conversationId, cancellationToken);

    /// <summary>
    /// Tells the server how a peer connection of this call came up, for the relayed-vs-direct and setup-time metrics:
    /// <paramref name="relayed"/> when the selected candidate pair uses a TURN relay on either end.
    /// </summary>
    /// <returns>False when the server does not take reports (an older build during a rolling deploy): a metric is not worth failing a call for.</returns>
    public async Task<bool> ReportCallMediaAsync(string callId, bool relayed, TimeSpan setup, CancellationToken cancellationToken = default)
    {
        try
        {
            await _hub.InvokeAsync(nameof(IChatHub.ReportCallMedia), callId, relayed ? CallMediaPaths.Relayed : CallMediaPaths.Direct,
                (int)Math.Clamp(setup.TotalMilliseconds, 0, CallMediaLimits.MaxSetupMilliseconds), cancellationToken);
            return true;
        }
        catch (HubException exception) when (exception.Message.Contains("Method does not exist", StringComparison.Ordinal))
        {
            return false;
        }
    }

    private void ListenForCalls()
    {
        _hub.On<CallDto>(nameof(IChatClient.CallRinging), c => Enqueue(() => Raise(CallRinging, c)));
        _hub.On<CallDto>(nameof(IChatClient.CallUpdated), c => Enqueue(() => Raise(CallUpdated, c)));
        _hub.On<CallEndedDto>(nameof(IChatClient.CallEnded), e => Enqueue(() => Raise(CallEnded, e)));
        _hub.On<CallSignalDto>(nameof(IChatClient.CallSignal), s => Enqueue(() => Raise(CallSignalReceived, s)));
    }
}
