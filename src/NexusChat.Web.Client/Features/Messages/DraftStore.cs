using System.Text.Json;
using NexusChat.Web.Client.Shared;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// What the signed-in user has typed and not sent, per conversation: kept in memory at once (returning to the
/// conversation shows it) and written to browser storage after a pause in typing (a reload shows it too), not on
/// every keystroke. Sending clears it.
/// </summary>
public sealed class DraftStore(IBrowserStorage storage, TimeProvider time)
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private Dictionary<string, string>? _drafts;
    private string? _userId;
    private CancellationTokenSource? _pendingWrite;

    public static string KeyOf(string userId) => $"nexuschat.drafts.{userId}";

    public async Task<string> GetAsync(string userId, string conversationId) =>
        (await LoadAsync(userId)).GetValueOrDefault(conversationId) ?? string.Empty;

    /// <summary>The draft as typed; written after <see cref="Debounce"/> without another change.</summary>
    public async Task SetAsync(string userId, string conversationId, string text)
    {
        var drafts = await LoadAsync(userId);
        if (string.IsNullOrEmpty(text))
        {
            drafts.Remove(conversationId);
        }
        else
        {
            drafts[conversationId] = text;
        }

        var pending = new CancellationTokenSource();
        Interlocked.Exchange(ref _pendingWrite, pending)?.Cancel();
        _ = WriteLaterAsync(userId, pending.Token);
    }

    /// <summary>A sent draft is gone at once, also from storage.</summary>
    public async Task ClearAsync(string userId, string conversationId)
    {
        var drafts = await LoadAsync(userId);
        drafts.Remove(conversationId);
        Interlocked.Exchange(ref _pendingWrite, null)?.Cancel();
        await WriteAsync(userId);
    }

    private async Task WriteLaterAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Debounce, time, cancellationToken);
            await WriteAsync(userId);
        }
        catch (OperationCanceledException)
        {
            // A later change or a send took over.
        }
    }

    private async Task WriteAsync(string userId)
    {
        if (_userId != userId || _drafts is null)
        {
            return;
        }

        if (_drafts.Count == 0)
        {
            await storage.RemoveAsync(KeyOf(userId));
        }
        else
        {
            await storage.SetAsync(KeyOf(userId), JsonSerializer.Serialize(_drafts));
        }
    }

    private async Task<Dictionary<string, string>> LoadAsync(string userId)
    {
        if (_drafts is not null && _userId == userId)
        {
            return _drafts;
        }

        Dictionary<string, string>? stored = null;
        try
        {
            stored = await storage.GetAsync(KeyOf(userId)) is { Length: > 0 } text ? JsonSerializer.Deserialize<Dictionary<string, string>>(text) : null;
        }
        catch (JsonException)
        {
            // Damaged: start over.
        }

        _userId = userId;
        _drafts = new Dictionary<string, string>(stored ?? [], StringComparer.Ordinal);
        return _drafts;
    }
}
