namespace NexusChat.Realtime.Groups;

/// <summary>The hub connections this replica holds, by user: who to add to a group when that user joins a conversation.</summary>
public sealed class LocalConnections
{
    // A plain lock: connects, disconnects and membership changes are rare next to message traffic.
    private readonly Dictionary<string, HashSet<string>> _byUser = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(string userId, string connectionId)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var connections))
            {
                _byUser[userId] = connections = new HashSet<string>(StringComparer.Ordinal);
            }

            connections.Add(connectionId);
        }
    }

    public void Remove(string userId, string connectionId)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _byUser.Remove(userId);
            }
        }
    }

    public IReadOnlyList<string> Of(string userId)
    {
        lock (_lock)
        {
            return _byUser.TryGetValue(userId, out var connections) ? [.. connections] : [];
        }
    }
}
