using Microsoft.AspNetCore.Components;
using NexusChat.Client;
using NexusChat.Web.Client.Features.Auth;

namespace NexusChat.Web.Client.Features.Realtime;

/// <summary>
/// Owns the <see cref="ChatConnection"/> of the signed-in session: created at sign-in, stopped at sign-out, so a
/// new session never inherits the previous user's cursors or handlers.
/// </summary>
public sealed class RealtimeConnection(NavigationManager navigation, AuthSession session, ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>Raised when a connection was created, before it starts, so listeners can subscribe to it.</summary>
    public event Action<ChatConnection>? Created;

    public ChatConnection? Current { get; private set; }

    public ChatConnectionState State => Current?.State ?? ChatConnectionState.Disconnected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Current is not null)
        {
            return;
        }

        Current = new ChatConnection(new ChatConnectionOptions
        {
            HubUrl = new Uri(new Uri(navigation.BaseUri), "hubs/chat"),
            AccessTokenProvider = session.FreshAccessTokenAsync,
            LoggerFactory = loggers,
        });
        Created?.Invoke(Current);
        await Current.StartAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        if (Current is { } connection)
        {
            Current = null;
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
