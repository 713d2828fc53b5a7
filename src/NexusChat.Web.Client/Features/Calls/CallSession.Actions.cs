using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;
using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Web.Client.Features.Calls;

// What the user does: start, answer, join, decline, hang up, mute, camera.
public sealed partial class CallSession
{
    /// <summary>Starts a call in the conversation (a channel rings <paramref name="invitees"/>), or joins the one running there.</summary>
    public Task StartAsync(string conversationId, string kind, IReadOnlyList<string>? invitees) =>
        EnterAsync(conversationId, kind == CallKinds.Video, hub => hub.StartCallAsync(conversationId, kind, invitees));

    /// <summary>Answers a call ringing here, or joins one running in a conversation.</summary>
    public Task JoinAsync(CallDto call)
    {
        Incoming.Stop(call.Id);
        return EnterAsync(call.ConversationId, call.Kind == CallKinds.Video, hub => hub.JoinCallAsync(call.Id));
    }

    public async Task DeclineAsync(CallDto call)
    {
        Incoming.Stop(call.Id);
        Notify();
        if (_hub is { } hub)
        {
            await TryAsync("DeclineCall", () => hub.DeclineCallAsync(call.Id));
        }
    }

    public async Task HangUpAsync()
    {
        var call = Current;
        await TearDownAsync();
        if (call is not null && _hub is { } hub)
        {
            await TryAsync("LeaveCall", () => hub.LeaveCallAsync(call.Id));
        }
    }

    public async Task ToggleMuteAsync()
    {
        if (_browser is null)
        {
            return;
        }

        Muted = !Muted;
        await _browser.SetMutedAsync(Muted);
        await AnnounceMediaAsync();
    }

    public async Task ToggleCameraAsync()
    {
        if (_browser is null)
        {
            return;
        }

        if (await _browser.SetCameraAsync(!CameraOn) is { } failure)
        {
            Error = CallTexts.MediaError(failure, video: true);
            Notify();
            return;
        }

        CameraOn = !CameraOn;
        Video |= CameraOn;
        await AnnounceMediaAsync();
    }

    /// <summary>Clears the error or the note about the last call.</summary>
    public void Dismiss()
    {
        (Error, LastEnded) = (null, null);
        Notify();
    }

    /// <summary>The call view rendered its video elements: give them their streams.</summary>
    public Task BindVideosAsync() => _browser?.BindVideosAsync() ?? Task.CompletedTask;

    private async Task EnterAsync(string conversationId, bool video, Func<ChatConnection, Task<CallDto>> enter)
    {
        if (Phase != CallPhase.None || _hub is not { State: ChatConnectionState.Connected } hub)
        {
            Error = Phase != CallPhase.None ? "You are already in a call: hang up first." : "Not connected to the server yet; try again in a moment.";
            Notify();
            return;
        }

        _clickedAt = Stopwatch.GetTimestamp();
        (Phase, ConversationId, Video, Muted, CameraOn, Error, LastEnded) = (CallPhase.Starting, conversationId, video, false, video, null, null);
        Notify();
        try
        {
            _self ??= DotNetObjectReference.Create(this);
            _browser = await _interop.CreateAsync(_self);
            // Both before the hub hears of it (a ringing call times out); neither needs the other.
            var servers = _callsApi.GetIceServersAsync();
            var failure = await _browser.OpenMediaAsync(video);
            await _browser.ConfigureAsync((await servers).IceServers);
            if (failure is not null)
            {
                var message = CallTexts.MediaError(failure, video);
                await TearDownAsync();
                Error = message;
                Notify();
                return;
            }

            _mesh = new CallMesh(Me);
            await SeatAsync(await enter(hub));
        }
        catch (Exception exception) when (exception is HubException or ApiProblemException or HttpRequestException or JSException)
        {
            var message = exception is HubException ? CallTexts.Refused(HubError.Parse(exception.Message)) : CallTexts.Refused(null);
            LogHubCallFailed(_logger, "enter call", exception.Message);
            await TearDownAsync();
            Error = message;
            Notify();
        }
    }

    /// <summary>This connection holds the seat (first time, or again after a reconnect): connect to those already in.</summary>
    private async Task SeatAsync(CallDto call)
    {
        Current = call;
        _running[call.ConversationId] = call;
        Phase = call.State == CallStates.Active ? CallPhase.InCall : CallPhase.Calling;
        TalkingSince ??= Phase == CallPhase.InCall ? _time.GetUtcNow() : null;
        SyncPeers(call);
        Notify();
        foreach (var step in _mesh.Seated(call))
        {
            await ApplyAsync(step);
        }
    }

    private async Task AnnounceMediaAsync()
    {
        Notify();
        if (Current is { } call && _hub is { } hub)
        {
            await TryAsync("SetCallMedia", () => hub.SetCallMediaAsync(call.Id, Muted, CameraOn));
        }
    }

    private async Task TearDownAsync()
    {
        var browser = _browser;
        _browser = null;
        Current = null;
        Phase = CallPhase.None;
        TalkingSince = null;
        _peers.Clear();
        _mesh.Clear();
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        Notify();
    }

    private async Task TryAsync(string method, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The call's end comes by push, or the seat times out on the server: nothing to retry here.
            LogHubCallFailed(_logger, method, exception.Message);
        }
    }
}
