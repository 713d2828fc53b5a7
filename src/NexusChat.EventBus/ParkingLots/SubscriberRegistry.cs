using StackExchange.Redis;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>
/// The names of the subscribers that declared their queues, each added by the subscriber itself when it starts
/// consuming, so the worker finds every parking lot through the naming rule instead of a list kept by hand. A Redis
/// set because AMQP cannot list queues and host mode runs the broker without the management plugin that could.
/// </summary>
internal sealed class SubscriberRegistry(IConnectionMultiplexer redis)
{
    private static readonly RedisKey Key = "nexuschat:eventbus:subscribers";

    // StackExchange.Redis takes no token; WaitAsync stops our wait, not the command.
    public Task RegisterAsync(string subscriber, CancellationToken cancellationToken) =>
        redis.GetDatabase().SetAddAsync(Key, subscriber).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> SubscribersAsync(CancellationToken cancellationToken) =>
        (await redis.GetDatabase().SetMembersAsync(Key).WaitAsync(cancellationToken))
            .Select(name => name.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
}
