using System.Text.Json;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Web.Client.Features.Threads;

/// <summary>
/// Which threads have replies the user has not seen: per thread, the last reply time the user saw (with the thread
/// open), kept in the browser's storage per user. A thread counts when the user takes part in it (wrote the root, is
/// among its first participants, or has opened it) and its root's <see cref="Contracts.Conversations.ThreadSummaryDto.LastReplyAt"/>
/// is later than what they saw. Kept on the client because the root's summary already says when the thread last moved.
/// </summary>
/// <param name="read">Reads a stored value (localStorage.getItem in the browser).</param>
/// <param name="write">Stores a value (localStorage.setItem).</param>
public sealed class ThreadReadState(Func<string, Task<string?>> read, Func<string, string, Task> write)
{
    /// <summary>The most threads remembered; the ones seen longest ago are forgotten first.</summary>
    public const int MaxRemembered = 500;

    private Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private string? _key;

    /// <summary>Raised when a thread's unread state may have changed.</summary>
    public event Action? Changed;

    /// <summary>Loads the user's seen times once (again after a switch of user).</summary>
    public async Task LoadAsync(string userId)
    {
        var key = $"nexuschat.threads-seen.{userId}";
        if (_key == key)
        {
            return;
        }

        _key = key;
        try
        {
            _seen = await read(key) is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(json) ?? []
                : [];
        }
        catch (JsonException)
        {
            // Damaged storage only costs the unread marks.
            _seen = [];
        }

        _seen = new Dictionary<string, DateTimeOffset>(_seen, StringComparer.Ordinal);
        Changed?.Invoke();
    }

    public bool IsUnread(TimelineMessage root, string? myUserId)
    {
        if (root.Thread is not { ReplyCount: > 0 } thread || myUserId is null || root.Id is not { } rootId)
        {
            return false;
        }

        var seen = _seen.TryGetValue(rootId, out var at) ? at : (DateTimeOffset?)null;
        var takesPart = seen is not null || root.SenderId == myUserId || thread.ParticipantIds.Contains(myUserId);
        return takesPart && thread.LastReplyAt > (seen ?? DateTimeOffset.MinValue);
    }

    /// <summary>The user saw the thread up to its reply at <paramref name="lastReplyAt"/> (or opened one without replies).</summary>
    public async Task MarkSeenAsync(string rootId, DateTimeOffset lastReplyAt)
    {
        if (_seen.TryGetValue(rootId, out var at) && at >= lastReplyAt)
        {
            return;
        }

        _seen[rootId] = lastReplyAt;
        if (_seen.Count > MaxRemembered)
        {
            _seen = _seen.OrderByDescending(s => s.Value).Take(MaxRemembered).ToDictionary(StringComparer.Ordinal);
        }

        Changed?.Invoke();
        if (_key is not null)
        {
            await write(_key, JsonSerializer.Serialize(_seen));
        }
    }
}
