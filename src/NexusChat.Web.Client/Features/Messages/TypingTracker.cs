using NexusChat.Contracts.Realtime;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>Who is typing where, each until the expiry the server gave (renewed by their next TypingStarted).</summary>
public sealed class TypingTracker(TimeProvider time)
{
    private readonly Dictionary<(string Conversation, string User), DateTimeOffset> _until = [];

    public event Action? Changed;

    public void Add(TypingDto typing)
    {
        var until = time.GetUtcNow().AddMilliseconds(typing.ExpiresInMs);
        _until[(typing.ConversationId, typing.UserId)] = until;
        Changed?.Invoke();
        _ = ExpireLaterAsync(TimeSpan.FromMilliseconds(typing.ExpiresInMs));
    }

    /// <summary>A message from the user ends their indicator at once.</summary>
    public void Stop(string conversationId, string userId)
    {
        if (_until.Remove((conversationId, userId)))
        {
            Changed?.Invoke();
        }
    }

    public IReadOnlyList<string> TypingIn(string conversationId)
    {
        var now = time.GetUtcNow();
        return _until.Where(entry => entry.Key.Conversation == conversationId && entry.Value > now)
            .Select(entry => entry.Key.User).Order(StringComparer.Ordinal).ToList();
    }

    public void Clear() => _until.Clear();

    private async Task ExpireLaterAsync(TimeSpan after)
    {
        await Task.Delay(after + TimeSpan.FromMilliseconds(50), time);
        var now = time.GetUtcNow();
        foreach (var expired in _until.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
        {
            _until.Remove(expired);
        }

        Changed?.Invoke();
    }
}
