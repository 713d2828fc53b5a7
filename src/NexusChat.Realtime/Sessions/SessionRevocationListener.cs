using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.Sessions;
using NexusChat.Realtime.Hubs;
using StackExchange.Redis;

namespace NexusChat.Realtime.Sessions;

/// <summary>
/// Closes the hub connections of sessions revoked on any replica (logout, logout-all, refresh-token replay, a
/// session evicted by the per-user cap): a token is only checked when a connection opens, so without this a revoked
/// session would stay connected until its token expired. Revocations come by pub/sub, which drops what is published
/// while the subscription is down (a Redis blip), so the sessions of this replica's connections are also looked up
/// every <see cref="SessionCheckOptions.RecheckInterval"/> and as soon as the subscription is back.
/// </summary>
public sealed partial class SessionRevocationListener(
    IConnectionMultiplexer redis, ConnectedSessions sessions, SessionStore store, IHubContext<ChatHub, IChatClient> hub,
    IOptions<SessionCheckOptions> options, ILogger<SessionRevocationListener> logger) : BackgroundService
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _recheckNow = new(0, 1);
    private ChannelMessageQueue? _queue;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(SessionStore.RevokedChannel);
        _queue.OnMessage(message => CloseSessionAsync(message.Message!));
        redis.ConnectionRestored += OnConnectionRestored;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Whichever comes first: the interval, or the subscription coming back after a blip.
            await _recheckNow.WaitAsync(options.Value.RecheckInterval, stoppingToken);
            try
            {
                await RecheckAsync();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogRecheckFailed(exception);
            }
        }
    }

    /// <summary>One existence check per session, all in flight at once (a single pipelined round trip).</summary>
    private async Task RecheckAsync()
    {
        var ids = sessions.SessionIds;
        var active = await Task.WhenAll(ids.Select(store.IsActiveAsync));
        foreach (var (sessionId, isActive) in ids.Zip(active))
        {
            if (!isActive)
            {
                await CloseSessionAsync(sessionId);
            }
        }
    }

    private async Task CloseSessionAsync(string sessionId)
    {
        var connections = sessions.Take(sessionId);
        foreach (var connection in connections)
        {
            await CloseAsync(hub.Clients.Client(connection.ConnectionId), connection);
        }

        if (connections.Count > 0)
        {
            LogClosed(connections.Count, sessionId);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        if (args.ConnectionType == ConnectionType.Subscription && _recheckNow.CurrentCount == 0)
        {
            try
            {
                _recheckNow.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another restore already asked for the same recheck.
            }
        }
    }

    /// <summary>Tells the client why, so it returns to sign-in instead of reconnecting, then closes the connection.</summary>
    public static async Task CloseAsync(IChatClient client, HubCallerContext connection)
    {
        await client.SessionRevoked();
        // Aborting at once can cut the socket before that message leaves: give it a moment on the wire.
        _ = Task.Delay(AbortGrace).ContinueWith(_ => connection.Abort(), TaskScheduler.Default);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _recheckNow.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Closed {Count} connection(s) of revoked session {SessionId}")]
    private partial void LogClosed(int count, string sessionId);

    [LoggerMessage(LogLevel.Warning, "Re-checking the sessions of this replica's connections failed; the next interval tries again")]
    private partial void LogRecheckFailed(Exception exception);
}
