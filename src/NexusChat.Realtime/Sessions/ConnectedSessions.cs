using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace NexusChat.Realtime.Sessions;

/// <summary>This replica's hub connections by session, so a revoked session's connections can be closed.</summary>
public sealed class ConnectedSessions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _bySession = new();

    public void Add(string sessionId, HubCallerContext connection) =>
        _bySession.GetOrAdd(sessionId, _ => new())[connection.ConnectionId] = connection;

    public void Remove(string sessionId, HubCallerContext connection)
    {
        if (_bySession.TryGetValue(sessionId, out var connections))
        {
            connections.TryRemove(connection.ConnectionId, out _);
            if (connections.IsEmpty)
            {
                _bySession.TryRemove(KeyValuePair.Create(sessionId, connections));
            }
        }
    }

    /// <summary>The sessions with a connection on this replica.</summary>
    public IReadOnlyCollection<string> SessionIds => [.. _bySession.Keys];

    /// <summary>This replica's connections of the session, no longer tracked.</summary>
    public IReadOnlyCollection<HubCallerContext> Take(string sessionId) =>
        _bySession.TryRemove(sessionId, out var connections) ? [.. connections.Values] : [];
}
