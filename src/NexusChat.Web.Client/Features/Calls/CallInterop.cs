using Microsoft.JSInterop;
using NexusChat.Contracts.Calls;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>wwwroot/js/calls.js: the call's media and peer connections, one <see cref="BrowserCall"/> per call.</summary>
public class CallInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/calls.js").AsTask();

    /// <summary>A call's peer connections; browser events go to <paramref name="events"/>'s <c>[JSInvokable]</c> methods.</summary>
    public virtual async Task<BrowserCall> CreateAsync<T>(DotNetObjectReference<T> events) where T : class =>
        new JsBrowserCall(await (await Module).InvokeAsync<IJSObjectReference>("createCall", events));

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await _module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is going away; nothing to release.
            }
        }
    }

    private sealed class JsBrowserCall(IJSObjectReference call) : BrowserCall
    {
        public override async Task ConfigureAsync(IReadOnlyList<IceServerDto> iceServers) => await call.InvokeVoidAsync("configure", iceServers);

        public override async Task<string?> OpenMediaAsync(bool video) => await call.InvokeAsync<string?>("open", video);

        public override async Task ConnectAsync(MeshStep step) =>
            await call.InvokeVoidAsync("connect", step.UserId, step.ConnectionId, step.Polite, step.Initiate);

        public override async Task RetargetAsync(string userId, string connectionId) => await call.InvokeVoidAsync("retarget", userId, connectionId);

        public override async Task DropAsync(string userId) => await call.InvokeVoidAsync("drop", userId);

        public override async Task SignalAsync(string fromUserId, string type, string payload) =>
            await call.InvokeVoidAsync("signal", fromUserId, type, payload);

        public override async Task<string?> SetCameraAsync(bool on) => await call.InvokeAsync<string?>("setCamera", on);

        public override async Task SetMutedAsync(bool muted) => await call.InvokeVoidAsync("setMuted", muted);

        public override async Task BindVideosAsync() => await call.InvokeVoidAsync("bind");

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await call.InvokeVoidAsync("close");
                await call.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is going away: the browser closes the peer connections itself.
            }
        }
    }
}

/// <summary>One call's media in the browser (a fake in component tests).</summary>
public abstract class BrowserCall : IAsyncDisposable
{
    /// <summary>The STUN/TURN servers for the peer connections still to open.</summary>
    public abstract Task ConfigureAsync(IReadOnlyList<IceServerDto> iceServers);

    /// <summary>Opens the microphone (and camera); null when granted, else the DOMException name.</summary>
    public abstract Task<string?> OpenMediaAsync(bool video);

    public abstract Task ConnectAsync(MeshStep step);

    public abstract Task RetargetAsync(string userId, string connectionId);

    public abstract Task DropAsync(string userId);

    public abstract Task SignalAsync(string fromUserId, string type, string payload);

    /// <returns>Null, or the DOMException name when a camera had to be opened and could not be.</returns>
    public abstract Task<string?> SetCameraAsync(bool on);

    public abstract Task SetMutedAsync(bool muted);

    /// <summary>Gives the rendered video elements their streams.</summary>
    public abstract Task BindVideosAsync();

    public abstract ValueTask DisposeAsync();
}
