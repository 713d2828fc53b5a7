using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace NexusChat.Storage.Outbox;

/// <summary>
/// Tells the outbox relay (in the worker) that a change committed an event, so it relays now instead of at its next
/// poll: the poll interval was the floor under every message's delivery latency. A lost signal costs nothing but
/// that latency — the relay still polls — so it is fire-and-forget over Redis pub/sub.
/// </summary>
public sealed class OutboxSignal(IServiceProvider services)
{
    /// <summary>The Redis channel the relay listens on (<c>EventBus:Outbox:WakeChannel</c>).</summary>
    public const string ChannelName = "nexuschat:outbox:written";

    private static readonly RedisChannel Channel = RedisChannel.Literal(ChannelName);

    // Resolved lazily and optionally: a process without Redis (a tool, a test) just relies on the relay's poll.
    private readonly Lazy<IConnectionMultiplexer?> _redis = new(services.GetService<IConnectionMultiplexer>);

    public void Written()
    {
        if (_redis.Value is { IsConnected: true } redis)
        {
            redis.GetSubscriber().Publish(Channel, RedisValue.EmptyString, CommandFlags.FireAndForget);
        }
    }
}
