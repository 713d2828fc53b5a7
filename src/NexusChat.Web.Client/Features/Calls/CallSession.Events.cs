using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;
using NexusChat.Client;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Web.Client.Features.Calls;

// What the hub pushes and what the browser's peer connections report. Both are handled one at a time, in arrival order
// (an offer before its candidates, a restart offer before the candidates of the restart), on one chain each.
public sealed partial class CallSession
{
    private Task _incoming = Task.CompletedTask;
    private Task _outgoing = Task.CompletedTask;

    private void OnRinging(CallDto call)
    {
        _running[call.ConversationId] = call;
        if (call.Id != Current?.Id && Incoming.Ring(call))
        {
            Notify();
        }
    }

    private void OnUpdated(CallDto call) => _incoming = AfterAsync(_incoming, async () =>
    {
        _running[call.ConversationId] = call;
        Incoming.Update(call);
        if (call.Id == Current?.Id && _browser is { } browser)
        {
            Current = call;
            if (call.State == CallStates.Active && Phase == CallPhase.Calling)
            {
                (Phase, TalkingSince) = (CallPhase.InCall, _time.GetUtcNow());
            }

            SyncPeers(call);
            foreach (var step in _mesh.Updated(call))
            {
                await ApplyAsync(step);
            }
        }

        Notify();
    });

    private void OnEnded(CallEndedDto ended) => _incoming = AfterAsync(_incoming, async () =>
    {
        if (_running.GetValueOrDefault(ended.ConversationId)?.Id == ended.CallId)
        {
            _running.Remove(ended.ConversationId);
        }

        Incoming.Stop(ended.CallId);
        if (ended.CallId == Current?.Id)
        {
            var talked = TalkingSince is { } since ? _time.GetUtcNow() - since : (TimeSpan?)null;
            await TearDownAsync();
            LastEnded = CallTexts.Ended(ended.Reason, talked);
        }

        Notify();
    });

    private void OnSignal(CallSignalDto signal) => _incoming = AfterAsync(_incoming, async () =>
    {
        if (signal.CallId != Current?.Id || _browser is not { } browser)
        {
            return;
        }

        if (_mesh.Signalled(signal.FromUserId, signal.FromConnectionId) is { } connect)
        {
            await ApplyAsync(connect);
        }

        await browser.SignalAsync(signal.FromUserId, signal.Type, signal.Payload);
    });

    private void OnConnectionState(ChatConnectionState state)
    {
        if (state == ChatConnectionState.Disconnected && Phase != CallPhase.None)
        {
            // Signed out or the session was revoked: the connection will not come back, and the media must stop.
            _incoming = AfterAsync(_incoming, TearDownAsync);
            return;
        }

        if (state != ChatConnectionState.Connected || Current is not { } call || _hub is not { } hub)
        {
            return;
        }

        // Back after a drop, maybe on another replica: move the seat here; the others restart ICE towards it.
        _incoming = AfterAsync(_incoming, async () =>
        {
            try
            {
                await SeatAsync(await hub.JoinCallAsync(call.Id));
            }
            catch (HubException exception) when (HubError.Parse(exception.Message)?.Code == HubErrorCodes.NotFound)
            {
                await TearDownAsync();
                LastEnded = CallTexts.Ended(CallEndReasons.Lost, null);
                Notify();
            }
        });
    }

    private async Task ApplyAsync(MeshStep step)
    {
        if (_browser is not { } browser)
        {
            return;
        }

        switch (step.Kind)
        {
            case MeshStepKind.Connect:
                _peers.TryAdd(step.UserId, CallPeer.Joined(step.UserId, false, false));
                await browser.ConnectAsync(step);
                break;
            case MeshStepKind.Retarget:
                await browser.RetargetAsync(step.UserId, step.ConnectionId);
                break;
            case MeshStepKind.Drop:
                _peers.Remove(step.UserId);
                await browser.DropAsync(step.UserId);
                break;
        }
    }

    /// <summary>The hub's word on who is in and their microphone and camera; the browser's measurements stay.</summary>
    private void SyncPeers(CallDto call)
    {
        foreach (var participant in call.Participants.Where(p => p.UserId != Me))
        {
            _peers[participant.UserId] = _peers.TryGetValue(participant.UserId, out var known)
                ? known with { Muted = participant.Muted, CameraOn = participant.CameraOn }
                : CallPeer.Joined(participant.UserId, participant.Muted, participant.CameraOn);
        }
    }

    [JSInvokable]
    public Task OnSignal(string peerUserId, string toConnectionId, string type, string payload)
    {
        if (Current is not { } call || _hub is not { } hub)
        {
            return Task.CompletedTask;
        }

        _outgoing = AfterAsync(_outgoing, () => TryAsync("SendCallSignal", () => hub.SendCallSignalAsync(call.Id, toConnectionId, type, payload)));
        return Task.CompletedTask;
    }

    [JSInvokable]
    public void OnPeerState(string peerUserId, string state) => UpdatePeer(peerUserId, p => p with { State = state });

    [JSInvokable]
    public async Task OnPeerConnected(string peerUserId, bool relayed)
    {
        var setup = Stopwatch.GetElapsedTime(_clickedAt);
        UpdatePeer(peerUserId, p => p with { Relayed = relayed, Failed = false });
        if (Current is { } call && _hub is { } hub)
        {
            await TryAsync("ReportCallMedia", () => hub.ReportCallMediaAsync(call.Id, relayed, setup));
        }
    }

    [JSInvokable]
    public void OnPeerQuality(string peerUserId, int roundTripMs, double lossPercent) =>
        UpdatePeer(peerUserId, p => p with { Quality = new ConnectionQuality(roundTripMs, lossPercent) });

    [JSInvokable]
    public void OnPeerFailed(string peerUserId)
    {
        UpdatePeer(peerUserId, p => p with { Failed = true });
        Error = CallTexts.ConnectionFailed(_users.NameOf(peerUserId));
        Notify();
    }

    /// <summary>The tab is closing: hang up, best effort (a seat nobody renews is dropped by the server anyway).</summary>
    [JSInvokable]
    public void OnPageHide()
    {
        if (Current is { } call && _hub is { } hub)
        {
            _ = TryAsync("LeaveCall", () => hub.LeaveCallAsync(call.Id));
        }
    }

    private void UpdatePeer(string userId, Func<CallPeer, CallPeer> change)
    {
        if (_peers.TryGetValue(userId, out var peer))
        {
            _peers[userId] = change(peer);
            Notify();
        }
    }

    private async Task AfterAsync(Task previous, Func<Task> next)
    {
        await previous;
        try
        {
            await next();
        }
        catch (Exception exception) when (exception is JSException or HubException or InvalidOperationException)
        {
            LogHubCallFailed(_logger, "call event", exception.Message);
        }
    }
}
