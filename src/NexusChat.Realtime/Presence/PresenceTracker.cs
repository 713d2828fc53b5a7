using System.Collections.Concurrent;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Telemetry;

namespace NexusChat.Realtime.Presence;

/// <summary>
/// This replica's side of presence: the connections it holds (so it can renew them) and the calls that change a
/// connection's status, announcing the user's new presence when the change moved it.
/// </summary>
public sealed class PresenceTracker(PresenceStore store, PresenceNotifier notifier, RealtimeMetrics metrics, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, LocalConnection> _connections = new();

    // Connection ids are unique per replica only; the instance id keeps two replicas' entries apart in Redis.
    private readonly string _instance = configuration[Contracts.Hosting.ServiceSettingKeys.InstanceId] ?? Environment.MachineName;

    public int Count => _connections.Count;

    public Task ConnectedAsync(string userId, string connectionId, CancellationToken cancellationToken)
    {
        metrics.ConnectionOpened();
        return SetAsync(userId, connectionId, PresenceStatus.Online, cancellationToken);
    }

    public Task<IReadOnlyList<PresenceDto>> GetAsync(IReadOnlyList<string> userIds) => store.GetAsync(userIds);

    public async Task<PresenceDto> SetAsync(string userId, string connectionId, string status, CancellationToken cancellationToken)
    {
        _connections[connectionId] = new LocalConnection(userId, status);
        var changed = await store.SetAsync(userId, Key(connectionId), status);
        if (changed is not null)
        {
            await notifier.AnnounceAsync(changed, cancellationToken);
            return changed;
        }

        return (await store.GetAsync([userId]))[0];
    }

    public async Task DisconnectedAsync(string userId, string connectionId, CancellationToken cancellationToken)
    {
        if (_connections.TryRemove(connectionId, out _))
        {
            metrics.ConnectionClosed();
        }

        if (await store.RemoveAsync(userId, Key(connectionId)) is { } changed)
        {
            await notifier.AnnounceAsync(changed, cancellationToken);
        }
    }

    /// <summary>Renews every connection this replica holds, so they outlive the TTL while the replica lives.</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        // Issued together: StackExchange.Redis pipelines concurrent calls over its one connection.
        var renewals = _connections.Select(entry => RenewAsync(entry.Key, entry.Value, cancellationToken)).ToList();
        await Task.WhenAll(renewals);
    }

    /// <summary>Takes offline (or away) the users whose connections expired, wherever they were held.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var userId in await store.OverdueUsersAsync())
        {
            if (await store.RecomputeAsync(userId) is { } changed)
            {
                await notifier.AnnounceAsync(changed, cancellationToken);
            }
        }
    }

    private async Task RenewAsync(string connectionId, LocalConnection connection, CancellationToken cancellationToken)
    {
        // A renewal can also restore a state a sweep took away (a long GC pause or a Redis restart).
        if (await store.SetAsync(connection.UserId, Key(connectionId), connection.Status) is { } changed)
        {
            await notifier.AnnounceAsync(changed, cancellationToken);
        }
    }

    private string Key(string connectionId) => $"{_instance}/{connectionId}";

    private sealed record LocalConnection(string UserId, string Status);
}
