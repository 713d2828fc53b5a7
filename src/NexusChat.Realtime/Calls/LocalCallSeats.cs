using System.Collections.Concurrent;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// The call participants whose connection this replica holds, which it renews in Redis. When this replica dies the
/// renewals stop and the sweep of another replica drops them after <see cref="CallOptions.ParticipantTimeout"/>,
/// unless they join again from their new connection first.
/// </summary>
public sealed class LocalCallSeats
{
    private readonly ConcurrentDictionary<string, (string CallId, string UserId)> _byConnection = new();

    public void Take(string connectionId, string callId, string userId) => _byConnection[connectionId] = (callId, userId);

    public void Release(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public IReadOnlyCollection<(string CallId, string UserId)> All() => [.. _byConnection.Values];
}
