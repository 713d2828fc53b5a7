using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.EventBus;

/// <summary>One RabbitMQ node and one Redis for every event-bus test; tests in a collection run one at a time, which the broker-outage test needs.</summary>
[CollectionDefinition(Name)]
public sealed class EventBusCollection : ICollectionFixture<RabbitMqServerFixture>, ICollectionFixture<RedisServerFixture>
{
    public const string Name = "event bus servers";
}
