using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Identity.Sessions;
using NexusChat.Realtime.Hubs;
using StackExchange.Redis;

namespace NexusChat.Realtime.Sessions;

/// <summary>
/// Closes the hub connections of sessions revoked on any replica (logout, logout-all, refresh-token replay):
/// a token is only checked when a connection opens, so without this a revoked session would stay connected.
/// </summary>
public sealed partial class SessionRevocationListener(
    IConnectionMultiplexer redis, ConnectedSessions sessions, IHubContext<ChatHub, IChatClient> hub,
    ILogger<SessionRevocationListener> logger) : IHostedService
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(200);

    private ChannelMessageQueue? _queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(SessionStore.RevokedChannel);
        _queue.OnMessage(async message =>
        {
            var connections = sessions.Take(message.Message!);
            foreach (var connection in connections)
            {
                await CloseAsync(hub.Clients.Client(connection.ConnectionId), connection);
            }

            if (connections.Count > 0)
            {
                LogClosed(connections.Count, message.Message!);
            }
        });
    }

    /// <summary>Tells the client why, so it returns to sign-in instead of reconnecting, then closes the connection.</summary>
    public static async Task CloseAsync(IChatClient client, HubCallerContext connection)
    {
        await client.SessionRevoked();
        // Aborting at once can cut the socket before that message leaves: give it a moment on the wire.
        _ = Task.Delay(AbortGrace).ContinueWith(_ => connection.Abort(), TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "Closed {Count} connection(s) of revoked session {SessionId}")]
    private partial void LogClosed(int count, string sessionId);
}
