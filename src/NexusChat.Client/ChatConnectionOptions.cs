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

    /// <summary>Delays between reconnect attempts; never gives up on its own (only a revoked session or Stop ends it).</summary>
    public BackoffRetryPolicy RetryPolicy { get; init; } = new();

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
