using System.Collections.Concurrent;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// The call participants whose connection this replica holds, which it renews in Redis. When this replica dies the
/// renewals stop and the sweep of another replica drops them after <see cref="CallOptions.ParticipantTimeout"/>,
/// unless they join again from their new connection first.
/// </summary>
public sealed class LocalCallSeats
{
    private readonly ConcurrentDictionary<string, (string CallId, string ConversationId, string UserId)> _byConnection = new();

    public void Take(string connectionId, CallState call, string userId) => _byConnection[connectionId] = (call.Id, call.ConversationId, userId);

    public void Release(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public IReadOnlyCollection<(string CallId, string ConversationId, string UserId)> All() => [.. _byConnection.Values];

    /// <summary>Stops renewing this replica's seats of the call that its users left or moved to another connection.</summary>
    public void Follow(CallState call)
    {
        foreach (var (connection, seat) in _byConnection)
        {
            if (seat.CallId == call.Id
                && !(call.Participants.TryGetValue(seat.UserId, out var kept) && kept.ConnectionId == connection))
            {
                _byConnection.TryRemove(connection, out _);
            }
        }
    }

    /// <summary>Stops renewing every seat of a call that ended.</summary>
    public void ReleaseCall(string callId)
    {
        foreach (var (connection, seat) in _byConnection)
        {
            if (seat.CallId == callId)
            {
                _byConnection.TryRemove(connection, out _);
            }
        }
    }
}
