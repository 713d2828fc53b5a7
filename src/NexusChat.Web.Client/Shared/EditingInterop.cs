using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace NexusChat.Web.Client.Shared;

/// <summary>wwwroot/js/editing.js: recent emoji in localStorage, inserting at the composer's caret, the clipboard.</summary>
public sealed class EditingInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/editing.js").AsTask();

    public async Task<string[]> ReadRecentAsync() => await (await Module).InvokeAsync<string[]?>("readRecent") ?? [];

    public async Task WriteRecentAsync(IReadOnlyList<string> emoji) => await (await Module).InvokeVoidAsync("writeRecent", emoji);

    public async Task InsertAtCursorAsync(ElementReference textarea, string text) =>
        await (await Module).InvokeVoidAsync("insertAtCursor", textarea, text);

    /// <summary>Copies <paramref name="text"/>; false when the browser refused (no permission, not a secure context).</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            await (await Module).InvokeVoidAsync("copyText", text);
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }

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
