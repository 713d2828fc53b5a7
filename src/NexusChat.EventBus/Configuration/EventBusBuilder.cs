using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.EventBus.Outbox;

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
            .ValidateOnStart();
        Services.AddHostedService<OutboxRelay>();
        Services.AddHostedService<OutboxPurge>();
        return this;
    }
}
