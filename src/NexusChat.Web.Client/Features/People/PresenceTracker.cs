using NexusChat.Contracts.Realtime;

namespace NexusChat.Web.Client.Features.People;

/// <summary>Who is online, away or offline, as the hub last said (GetPresence at connect, then PresenceChanged).</summary>
public sealed class PresenceTracker
{
    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);

    public event Action? Changed;

    public string StatusOf(string userId) => _status.GetValueOrDefault(userId, PresenceStatus.Offline);

    public void Set(IEnumerable<PresenceDto> presences)
    {
        foreach (var presence in presences)
        {
            _status[presence.UserId] = presence.Status;
        }

        Changed?.Invoke();
    }

    public void Clear() => _status.Clear();
}
