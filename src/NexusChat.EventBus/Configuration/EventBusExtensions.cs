using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Consuming;
using NexusChat.EventBus.Idempotency;
using NexusChat.EventBus.ParkingLots;
using NexusChat.EventBus.Publishing;
using NexusChat.EventBus.Telemetry;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.Configuration;

public static class EventBusExtensions
{
    /// <summary>
    /// Adds the bus for a service named <paramref name="subscriberName"/> (its queues are <c>nexuschat.&lt;name&gt;</c>).
    /// Needs the RabbitMQ <c>IConnection</c> and, to consume, the Redis <c>IConnectionMultiplexer</c> in the container
    /// (ServiceDefaults' <c>AddMessagingDependency</c> and <c>AddRedisDependency</c>).
    /// </summary>
    public static EventBusBuilder AddEventBus(this IHostApplicationBuilder builder, string subscriberName, Action<EventBusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriberName);
        var services = builder.Services;
        var options = services.AddOptions<EventBusOptions>()
            .Bind(builder.Configuration.GetSection(EventBusOptions.SectionName))
            .Configure(o => o.SubscriberName = subscriberName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.MaxAttempts >= 1, "EventBus:MaxAttempts must be at least 1.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "EventBus retry delays must be positive and the maximum at least the base.")
            .Validate(o => o.PrefetchCount > 0, "EventBus:PrefetchCount must be positive.")
            .Validate(o => o.ConsumerConcurrency is > 0 && o.ConsumerConcurrency <= o.PrefetchCount,
                "EventBus:ConsumerConcurrency must be between 1 and PrefetchCount.")
            .ValidateOnStart();

        services.AddMetrics();
        services.TryAddSingleton<EventBusMetrics>();
        services.TryAddSingleton(sp => new SubscriberTopology(sp.GetRequiredService<IOptions<EventBusOptions>>().Value));
        services.TryAddSingleton<ConfirmedChannel>();
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        services.TryAddSingleton<IEventBus, RabbitMqEventBus>();
        services.TryAddSingleton<IProcessedEventStore, RedisProcessedEventStore>();
        services.TryAddSingleton<DeliveryProcessor>();
        services.TryAddSingleton<SubscriberRegistry>();
        services.TryAddSingleton(sp => new ParkingLot(
            sp.GetRequiredService<IConnection>(), sp.GetRequiredService<SubscriberTopology>().Subscriber, sp.GetRequiredService<ILogger<ParkingLot>>()));
        services.AddHostedService<EventConsumer>();
        return new EventBusBuilder(builder);
    }
}
