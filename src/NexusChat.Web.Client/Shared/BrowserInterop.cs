using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace NexusChat.Web.Client.Shared;

/// <summary>The app's one JavaScript module (wwwroot/js/nexuschat.js), imported once on first use.</summary>
public sealed class BrowserInterop(IJSRuntime js) : IBrowserStorage, IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/nexuschat.js").AsTask();

    public async Task<string?> ReadRefreshTokenAsync() => await (await Module).InvokeAsync<string?>("readRefreshToken");

    public async Task WriteRefreshTokenAsync(string token) => await (await Module).InvokeVoidAsync("writeRefreshToken", token);

    public async Task ClearRefreshTokenAsync() => await (await Module).InvokeVoidAsync("clearRefreshToken");

    /// <summary>Runs <paramref name="method"/> of <paramref name="target"/> holding a lock shared by every tab of this origin.</summary>
    public async Task<TResult> RunExclusiveAsync<TResult, TTarget>(string lockName, DotNetObjectReference<TTarget> target, string method)
        where TTarget : class =>
        await (await Module).InvokeAsync<TResult>("runExclusive", lockName, target, method);

    public async Task<string?> GetAsync(string key) => await (await Module).InvokeAsync<string?>("storageGet", key);

    public async Task SetAsync(string key, string value) => await (await Module).InvokeVoidAsync("storageSet", key, value);

    public async Task RemoveAsync(string key) => await (await Module).InvokeVoidAsync("storageRemove", key);

    public async Task<bool> IsHiddenAsync() => await (await Module).InvokeAsync<bool>("isHidden");

    /// <summary>Calls <c>OnVisibilityChanged(bool hidden)</c> on <paramref name="target"/>; dispose the result to stop.</summary>
    public async Task<IJSObjectReference> WatchVisibilityAsync<T>(DotNetObjectReference<T> target) where T : class =>
        await (await Module).InvokeAsync<IJSObjectReference>("watchVisibility", target);

    public async Task<IJSObjectReference> AttachComposerAsync(ElementReference textarea) =>
        await (await Module).InvokeAsync<IJSObjectReference>("attachComposer", textarea);

    /// <summary>Keeps keyboard focus inside <paramref name="dialog"/>; disposing the result returns focus to the opener.</summary>
    public async Task<IJSObjectReference> TrapFocusAsync(ElementReference dialog) =>
        await (await Module).InvokeAsync<IJSObjectReference>("trapFocus", dialog);

    public async Task FocusEndAsync(ElementReference textarea) => await (await Module).InvokeVoidAsync("focusEnd", textarea);

    /// <summary>Calls <c>OnReachedTop()</c> on <paramref name="target"/> when <paramref name="sentinel"/> scrolls into view.</summary>
    public async Task<IJSObjectReference> WatchTopAsync<T>(ElementReference log, ElementReference sentinel, DotNetObjectReference<T> target)
        where T : class =>
        await (await Module).InvokeAsync<IJSObjectReference>("watchTop", log, sentinel, target);

    public async Task<ScrollMeasure> MeasureAsync(ElementReference log) => await (await Module).InvokeAsync<ScrollMeasure>("measure", log);

    public async Task KeepPositionAsync(ElementReference log, ScrollMeasure before) =>
        await (await Module).InvokeVoidAsync("keepPosition", log, before.ScrollHeight, before.ScrollTop);

    public async Task ScrollToBottomAsync(ElementReference log) => await (await Module).InvokeVoidAsync("scrollToBottom", log);

    public async Task<bool> ScrollToMessageAsync(ElementReference log, string messageId) =>
        await (await Module).InvokeAsync<bool>("scrollToMessage", log, messageId);

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

public sealed record ScrollMeasure(double ScrollHeight, double ScrollTop, bool NearBottom);
