using NexusChat.Identity.Sessions;
using StackExchange.Redis;

namespace NexusChat.Realtime.Sessions;

/// <summary>
/// Closes the hub connections of sessions revoked on any replica (logout, logout-all, refresh-token replay):
/// a token is only checked when a connection opens, so without this a revoked session would stay connected.
/// </summary>
public sealed partial class SessionRevocationListener(
    IConnectionMultiplexer redis, ConnectedSessions sessions, ILogger<SessionRevocationListener> logger) : IHostedService
{
    private ChannelMessageQueue? _queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(SessionStore.RevokedChannel);
        _queue.OnMessage(message =>
        {
            var closed = sessions.Abort(message.Message!);
            if (closed > 0)
            {
                LogClosed(closed, message.Message!);
            }
        });
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
