using Microsoft.JSInterop;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Files;

/// <summary>
/// The files attached in one composer, uploaded by js/files.js (tus-js-client) and reported here: their states,
/// whether the message can go yet, and the attachments it carries when it does. Pause, resume and cancel go back to
/// the browser; without one (component tests) they change only the state shown.
/// </summary>
public sealed class ComposerUploads(IAccessTokenSource tokens, TimeProvider time)
{
    private readonly List<FileUpload> _uploads = [];
    private IJSObjectReference? _browser;

    /// <summary>Something shown changed; raised from the browser's callbacks.</summary>
    public event Action? Changed;

    public IReadOnlyList<FileUpload> Items => _uploads;

    public bool HasFiles => _uploads.Count > 0;

    /// <summary>Why the message cannot be sent yet because of its files; null when they are all uploaded (or there are none).</summary>
    public string? Blocker =>
        _uploads.Count > AttachmentLimits.MaxPerMessage ? $"A message carries at most {AttachmentLimits.MaxPerMessage} files."
        : _uploads.Any(u => u.Status == UploadStatus.Failed) ? "Retry or remove the files that failed."
        : _uploads.Count(u => !u.IsComplete) is var left and > 0 ? $"Waiting for {left} {(left == 1 ? "upload" : "uploads")}…"
        : null;

    /// <summary>The browser side (files.js' watchComposer), once the composer is rendered.</summary>
    public void Attach(IJSObjectReference? browser) => _browser = browser;

    [JSInvokable]
    public void OnUploadAdded(string id, string fileName, long size, string contentType)
    {
        _uploads.Add(new FileUpload(id, fileName, size, contentType, time));
        Changed?.Invoke();
    }

    [JSInvokable]
    public void OnUploadProgress(string id, long sent) => Apply(id, u => u.Progress(sent));

    [JSInvokable]
    public void OnUploadCompleted(string id, string fileId) => Apply(id, u => u.Complete(fileId));

    [JSInvokable]
    public void OnUploadWaiting(string id) => Apply(id, u => u.WaitForNetwork());

    [JSInvokable]
    public void OnUploadFailed(string id, string reason) => Apply(id, u => u.Fail(reason));

    /// <summary>The bearer token for the next request; renewed first when the last one was refused.</summary>
    [JSInvokable]
    public async Task<string?> AccessTokenAsync(bool refresh)
    {
        if (refresh)
        {
            await tokens.TryRefreshAsync(CancellationToken.None);
        }

        return tokens.AccessToken;
    }

    public Task PickAsync() => CallAsync("pick");

    public Task PauseAsync(string id)
    {
        Apply(id, u => u.Pause());
        return CallAsync("pause", id);
    }

    /// <summary>Continues a paused or failed upload from the server's offset.</summary>
    public Task ResumeAsync(string id)
    {
        Apply(id, u => u.Resume());
        return CallAsync("resume", id);
    }

    /// <summary>Removes the file; an unfinished upload is also ended on the server, which frees its bytes.</summary>
    public Task CancelAsync(string id)
    {
        _uploads.RemoveAll(u => u.Id == id);
        Changed?.Invoke();
        return CallAsync("cancel", id);
    }

    /// <summary>The attachments for the message being sent, and an empty composer for the next one.</summary>
    public IReadOnlyList<AttachmentDto> TakeAttachments()
    {
        var attachments = _uploads.Where(u => u.IsComplete).Select(u => u.ToAttachment()).ToList();
        _uploads.Clear();
        Changed?.Invoke();
        return attachments;
    }

    private void Apply(string id, Action<FileUpload> change)
    {
        if (_uploads.Find(u => u.Id == id) is { } upload)
        {
            change(upload);
            Changed?.Invoke();
        }
    }

    private async Task CallAsync(string method, params object[] arguments)
    {
        if (_browser is not null)
        {
            await _browser.InvokeVoidAsync(method, arguments);
        }
    }
}
