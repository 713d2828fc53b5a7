using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.EventBus.Outbox;
using NexusChat.EventBus.ParkingLots;
using NexusChat.EventBus.Telemetry;
using RabbitMQ.Client;

namespace NexusChat.EventBus.Configuration;

/// <summary>Returned by <c>AddEventBus</c> to declare what the service handles and whether it relays an outbox.</summary>
public sealed class EventBusBuilder(IHostApplicationBuilder builder)
{
    public IServiceCollection Services => builder.Services;

    public EventBusBuilder AddSubscription<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Services.TryAddTransient<THandler>();
        Services.Configure<EventSubscriptions>(subscriptions => subscriptions.Add<TEvent, THandler>());
        return this;
    }

    /// <summary>
    /// Every subscriber's parking lot in this service (<see cref="DeadLetterOffice"/>): the operator endpoints use it,
    /// a gauge reports the parked count per lot and the <c>parked-events</c> health check is Degraded while any is
    /// non-empty. One service (the worker) adds it.
    /// </summary>
    public EventBusBuilder AddDeadLetterOffice()
    {
        Services.TryAddSingleton(sp => new DeadLetterOffice(
            sp.GetRequiredService<IConnection>(), sp.GetRequiredService<SubscriberRegistry>(),
            sp.GetRequiredService<ILogger<ParkingLot>>(), sp.GetRequiredService<EventBusMetrics>()));
        Services.AddHostedService<ParkedEventsMonitor>();
        Services.AddHealthChecks().AddCheck<ParkedEventsHealthCheck>(ParkedEventsHealthCheck.Name, failureStatus: HealthStatus.Degraded);
        return this;
    }

    /// <summary>
    /// Publishes what an <see cref="IOutboxStore"/> (registered by the store) holds until the broker confirms it, and
    /// purges what was published longer ago than the retention window.
    /// </summary>
    public EventBusBuilder AddOutboxRelay(Action<OutboxRelayOptions>? configure = null)
    {
        var options = Services.AddOptions<OutboxRelayOptions>().Bind(builder.Configuration.GetSection(OutboxRelayOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.BatchSize > 0, "EventBus:Outbox:BatchSize must be positive.")
            .Validate(o => o.MaxUnmarked > 0, "EventBus:Outbox:MaxUnmarked must be positive.")
            .Validate(o => o.MarkInterval >= TimeSpan.Zero, "EventBus:Outbox:MarkInterval must not be negative.")
            .Validate(o => o.Retention >= TimeSpan.Zero, "EventBus:Outbox:Retention must not be negative.")
            .Validate(o => o.PurgeInterval > TimeSpan.Zero, "EventBus:Outbox:PurgeInterval must be positive.")
            .Validate(o => o.PurgeBatchSize > 0, "EventBus:Outbox:PurgeBatchSize must be positive.")
            .Validate(o => o.LeaseRenewInterval > TimeSpan.Zero && o.LeaseRenewInterval * 2 <= o.LeaseDuration,
                "EventBus:Outbox:LeaseRenewInterval must be positive and at most half of LeaseDuration.")
            .ValidateOnStart();
        Services.AddHostedService<OutboxRelay>();
        Services.AddHostedService<OutboxPurge>();
        return this;
    }
}
