using Microsoft.JSInterop;

namespace NexusChat.Web.Client.Features.Notifications;

/// <summary>wwwroot/js/notifications.js: the Notification API and the favicon.</summary>
public sealed class NotificationInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/notifications.js").AsTask();

    /// <summary>"default", "granted", "denied" or "unsupported".</summary>
    public async Task<string> PermissionAsync() => await (await Module).InvokeAsync<string>("permission");

    /// <summary>Asks the user; call it from a click only.</summary>
    public async Task<string> RequestPermissionAsync() => await (await Module).InvokeAsync<string>("requestPermission");

    /// <summary>Shows a notification tagged <paramref name="tag"/>; its click calls <c>OnNotificationClicked(conversationId)</c> on <paramref name="target"/>.</summary>
    public async Task ShowAsync<T>(string tag, string title, string body, string conversationId, DotNetObjectReference<T> target) where T : class =>
        await (await Module).InvokeAsync<bool>("show", tag, title, body, conversationId, target);

    /// <summary>A data URL to show as the favicon; null for the plain one.</summary>
    public async Task SetFaviconAsync(string? dataUrl) => await (await Module).InvokeVoidAsync("setFavicon", dataUrl);

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
}
