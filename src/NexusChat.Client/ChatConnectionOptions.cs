using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NexusChat.Client;

public enum HubWireProtocol
{
    Json,
    MessagePack,
}

public sealed class ChatConnectionOptions
{
    /// <summary>The hub's address, e.g. the gateway's <c>https://chat.example.com/hubs/chat</c>.</summary>
    public required Uri HubUrl { get; init; }

    /// <summary>
    /// Called before every connection attempt (first connect and each reconnect), so it can hand out a freshly
    /// refreshed access token.
    /// </summary>
    public required Func<Task<string?>> AccessTokenProvider { get; init; }

    public HubWireProtocol Protocol { get; init; } = HubWireProtocol.Json;

    /// <summary>How long one connection attempt may wait for the WebSocket upgrade before the next attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delays between reconnect attempts; never gives up on its own (only a revoked session or Stop ends it).</summary>
    public BackoffRetryPolicy RetryPolicy { get; init; } = new();

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
