using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace NexusChat.Web.Client.Features.Files;

/// <summary>wwwroot/js/files.js: uploads through tus-js-client and fetches of attached files with the bearer token.</summary>
public sealed class FileInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/files.js").AsTask();

    /// <summary>Uploads what is picked, dropped on or pasted into <paramref name="composer"/>, reporting to <paramref name="uploads"/>.</summary>
    /// <returns>pick(), pause(id), resume(id), cancel(id) and dispose(); null where there is no browser (component tests).</returns>
    public async Task<IJSObjectReference?> WatchComposerAsync(
        ElementReference composer, ElementReference fileInput, DotNetObjectReference<ComposerUploads> uploads) =>
        await (await Module).InvokeAsync<IJSObjectReference?>("watchComposer", composer, fileInput, uploads);

    public async Task<ObjectUrl?> FetchObjectUrlAsync(string path, string? token) =>
        await (await Module).InvokeAsync<ObjectUrl?>("fetchObjectUrl", path, token);

    /// <returns>The HTTP status of the file's fetch.</returns>
    public async Task<int> DownloadAsync(string path, string? token, string fileName) =>
        await (await Module).InvokeAsync<int>("download", path, token, fileName);

    public async Task RevokeObjectUrlAsync(string url) => await (await Module).InvokeVoidAsync("revokeObjectUrl", url);

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

/// <param name="Url">A blob: URL of the fetched bytes; null when the fetch was refused (see <paramref name="Status"/>).</param>
public sealed record ObjectUrl(int Status, string? Url);
