using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.Idempotency;
using NexusChat.EventBus.Publishing;
using NexusChat.EventBus.Telemetry;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NexusChat.EventBus.Consuming;

/// <summary>
/// What happens to one delivery: skipped if this subscriber already handled the event id, else handled and then
/// acknowledged; on failure sent to the retry queue for its attempt, and once attempts run out, dead-lettered to
/// the parking lot.
/// </summary>
internal sealed partial class DeliveryProcessor(
    IServiceScopeFactory scopes,
    IOptions<EventSubscriptions> subscriptions,
    IProcessedEventStore processedEvents,
    SubscriberTopology topology,
    ConfirmedChannel publisher,
    EventBusMetrics metrics,
    IOptions<EventBusOptions> options,
    ILogger<DeliveryProcessor> logger)
{
    public async Task ProcessAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var properties = delivery.BasicProperties;
        // Retried messages come back through the default exchange, so the routing key is a queue name; the type is not.
        var eventType = properties.Type ?? delivery.RoutingKey;
        using var activity = EventBusTelemetry.StartProcess(eventType, properties.MessageId, TraceContextHeaders.Extract(properties.Headers), topology.Subscriber);

        if (delivery.Exchange == EventBusTopology.Exchange && !subscriptions.Value.TryGet(delivery.RoutingKey, out _))
        {
            // A binding an older build of this subscriber made (the topology only ever binds, and the queue is durable):
            // nothing here wants these events any more, so the binding goes and the event is dropped, not parked —
            // otherwise every such event would fill the parking lot after an upgrade.
            await channel.QueueUnbindAsync(topology.Queue, EventBusTopology.Exchange, delivery.RoutingKey, cancellationToken: cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            LogUnbound(delivery.RoutingKey, topology.Queue);
            return;
        }

        if (!subscriptions.Value.TryGet(eventType, out var subscription) || !Guid.TryParse(properties.MessageId, out var eventId))
        {
            LogUnhandled(eventType, properties.MessageId);
            await ParkAsync(channel, delivery, eventType, $"{topology.Subscriber} has no handler for {eventType} (or the message has no event id)", cancellationToken);
            return;
        }

        var failure = await TryHandleAsync(subscription, eventId, eventType, delivery.Body, cancellationToken);
        if (failure is null)
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            return;
        }

        activity?.AddException(failure);
        activity?.SetStatus(ActivityStatusCode.Error);
        metrics.Failed(eventType, topology.Subscriber);
        if (failure is JsonException)
        {
            // A body that does not parse now will not parse on a later attempt either.
            LogUnreadable(failure, eventType, eventId);
            await ParkAsync(channel, delivery, eventType, $"Unreadable: {Describe(failure)}", cancellationToken);
            return;
        }

        await RetryOrParkAsync(channel, delivery, eventType, eventId, failure, cancellationToken);
    }

    private async Task<Exception?> TryHandleAsync(EventSubscription subscription, Guid eventId, string eventType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            if (await processedEvents.IsProcessedAsync(topology.Subscriber, eventId, cancellationToken))
            {
                LogDuplicate(eventType, eventId);
                return null;
            }

            var @event = EventSerializer.Deserialize(body.Span, subscription.EventType);
            await using (var scope = scopes.CreateAsyncScope())
            {
                await subscription.HandleAsync(scope.ServiceProvider, @event, cancellationToken);
            }

            if (!await processedEvents.MarkProcessedAsync(topology.Subscriber, eventId, cancellationToken))
            {
                // Another replica handled a copy of this event at the same time; both ran, and the record stands.
                LogConcurrentDuplicate(eventType, eventId);
            }

            metrics.Consumed(eventType, topology.Subscriber);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task RetryOrParkAsync(IChannel channel, BasicDeliverEventArgs delivery, string eventType, Guid eventId, Exception failure, CancellationToken cancellationToken)
    {
        var failedAttempts = MessageHeaders.RetryCount(delivery.BasicProperties.Headers) + 1;
        if (failedAttempts >= options.Value.MaxAttempts)
        {
            LogGivingUp(failure, eventType, eventId, failedAttempts);
            await ParkAsync(channel, delivery, eventType, Describe(failure), cancellationToken);
            return;
        }

        var retryProperties = new BasicProperties(delivery.BasicProperties)
        {
            Headers = MessageHeaders.WithFailure(delivery.BasicProperties.Headers, failedAttempts, Describe(failure), DateTimeOffset.UtcNow),
        };
        try
        {
            // The copy is confirmed before the original is acknowledged: a crash in between duplicates the message,
            // which the processed-event record absorbs, and never loses it.
            await publisher.PublishAsync("", topology.RetryQueue(failedAttempts), mandatory: true, retryProperties, delivery.Body, cancellationToken);
        }
        catch (Exception publishFailure) when (publishFailure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRetryNotScheduled(publishFailure, eventType, eventId);
            await ParkAsync(channel, delivery, eventType, $"{Describe(failure)} (the retry could not be scheduled: {Describe(publishFailure)})", cancellationToken);
            return;
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        LogRetrying(failure, eventType, eventId, failedAttempts, topology.RetryDelay(failedAttempts));
    }

    /// <summary>
    /// Moves the delivery to the parking lot with why it is there and how often it failed, which is what an operator
    /// reads before replaying or discarding it. The copy is confirmed before the original is acknowledged (a crash in
    /// between parks it twice, never zero times); if the copy cannot be published, the delivery is rejected and the
    /// queue's dead-letter exchange parks it without the reason.
    /// </summary>
    private async Task ParkAsync(IChannel channel, BasicDeliverEventArgs delivery, string eventType, string reason, CancellationToken cancellationToken)
    {
        var failedAttempts = MessageHeaders.RetryCount(delivery.BasicProperties.Headers) + 1;
        var headers = MessageHeaders.WithFailure(delivery.BasicProperties.Headers, failedAttempts, reason, DateTimeOffset.UtcNow);
        headers[MessageHeaders.ParkedReason] = MessageHeaders.Truncate(reason);
        metrics.DeadLettered(eventType, topology.Subscriber);
        try
        {
            await publisher.PublishAsync("", topology.ParkingQueue, mandatory: true, new BasicProperties(delivery.BasicProperties) { Headers = headers },
                delivery.Body, cancellationToken);
        }
        catch (Exception publishFailure) when (publishFailure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogParkedWithoutReason(publishFailure, eventType, delivery.BasicProperties.MessageId);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, cancellationToken);
            return;
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    [LoggerMessage(LogLevel.Error, "No handler for {EventType} message {MessageId} (or no event id); parking it")]
    private partial void LogUnhandled(string eventType, string? messageId);

    [LoggerMessage(LogLevel.Warning, "{RoutingKey} is bound to {Queue} but has no handler there (left by an older build); unbinding it")]
    private partial void LogUnbound(string routingKey, string queue);

    [LoggerMessage(LogLevel.Error, "{EventType} {EventId} cannot be read; parking it")]
    private partial void LogUnreadable(Exception exception, string eventType, Guid eventId);

    [LoggerMessage(LogLevel.Debug, "{EventType} {EventId} was already handled; acknowledging the duplicate")]
    private partial void LogDuplicate(string eventType, Guid eventId);

    [LoggerMessage(LogLevel.Warning, "{EventType} {EventId} was handled concurrently by another consumer")]
    private partial void LogConcurrentDuplicate(string eventType, Guid eventId);

    [LoggerMessage(LogLevel.Warning, "{EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, string eventType, Guid eventId, int attempt, TimeSpan delay);

    [LoggerMessage(LogLevel.Error, "{EventType} {EventId} failed {Attempts} times; parking it")]
    private partial void LogGivingUp(Exception exception, string eventType, Guid eventId, int attempts);

    [LoggerMessage(LogLevel.Warning, "{EventType} {MessageId} could not be copied to the parking lot; rejecting it there instead")]
    private partial void LogParkedWithoutReason(Exception exception, string eventType, string? messageId);

    [LoggerMessage(LogLevel.Error, "{EventType} {EventId} could not be scheduled for a retry; parking it")]
    private partial void LogRetryNotScheduled(Exception exception, string eventType, Guid eventId);
}
