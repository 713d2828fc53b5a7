using Microsoft.Extensions.Options;
using NexusChat.EventBus.Configuration;
using StackExchange.Redis;

namespace NexusChat.EventBus.Idempotency;

/// <summary>
/// One key per handled event, <c>nexuschat:processed:&lt;subscriber&gt;:&lt;eventId&gt;</c>, set once (NX) and expiring
/// after the retention, so the record is shared by every replica of the subscriber and does not grow forever.
/// </summary>
internal sealed class RedisProcessedEventStore(IConnectionMultiplexer redis, IOptions<EventBusOptions> options) : IProcessedEventStore
{
    public Task<bool> IsProcessedAsync(string subscriber, Guid eventId, CancellationToken cancellationToken) =>
        // StackExchange.Redis takes no token; WaitAsync stops our wait, not the command.
        redis.GetDatabase().KeyExistsAsync(Key(subscriber, eventId)).WaitAsync(cancellationToken);

    public Task<bool> MarkProcessedAsync(string subscriber, Guid eventId, CancellationToken cancellationToken) =>
        redis.GetDatabase()
            .StringSetAsync(Key(subscriber, eventId), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), options.Value.ProcessedEventRetention, When.NotExists)
            .WaitAsync(cancellationToken);

    private static RedisKey Key(string subscriber, Guid eventId) => $"nexuschat:processed:{subscriber}:{eventId:D}";
}
