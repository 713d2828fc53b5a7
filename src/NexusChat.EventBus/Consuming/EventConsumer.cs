using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.ParkingLots;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NexusChat.EventBus.Consuming;

/// <summary>
/// Declares the subscriber's topology and consumes its queue with manual acknowledgements for as long as the
/// service runs, starting over with back-off whenever the broker is unreachable or closes the channel.
/// </summary>
internal sealed partial class EventConsumer(
    IConnection connection,
    DeliveryProcessor processor,
    SubscriberTopology topology,
    SubscriberRegistry registry,
    IOptions<EventSubscriptions> subscriptions,
    IOptions<EventBusOptions> options,
    ILogger<EventConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (subscriptions.Value.IsEmpty)
        {
            return;
        }

        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var channel = await StartConsumingAsync(stoppingToken);
                backoff = FirstBackoff;
                await WaitWhileUsableAsync(channel, stoppingToken);
                LogChannelClosed(topology.Queue, channel.CloseReason?.ToString());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConsumeFailed(exception, topology.Queue, backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }
    }

    private async Task<IChannel> StartConsumingAsync(CancellationToken stoppingToken)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: options.Value.ConsumerConcurrency),
            stoppingToken);
        try
        {
            await topology.DeclareAsync(channel, subscriptions.Value.RoutingKeys, stoppingToken);
            await RegisterAsync(stoppingToken);
            await channel.BasicQosAsync(prefetchSize: 0, options.Value.PrefetchCount, global: false, stoppingToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(channel, delivery, stoppingToken);
            await channel.BasicConsumeAsync(topology.Queue, autoAck: false, consumer, stoppingToken);
            LogConsuming(topology.Queue, string.Join(", ", subscriptions.Value.RoutingKeys));
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    // Lets the worker's dead-letter office find this subscriber's parking lot. Redis being away must not stop consuming;
    // the next (re)start of the consumer registers again.
    private async Task RegisterAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registry.RegisterAsync(topology.Subscriber, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogNotRegistered(exception, topology.Subscriber);
        }
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        // The delivery's token is cancelled when its channel closes: an ack is impossible from then on and the broker
        // hands the message out again, so the handler stops instead of racing the redelivered copy (and instead of
        // holding up the close, which waits for running handlers).
        using var handling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, delivery.CancellationToken);
        try
        {
            await processor.ProcessAsync(channel, delivery, handling.Token);
        }
        catch (OperationCanceledException) when (handling.IsCancellationRequested)
        {
            LogAbandoned(delivery.BasicProperties.Type, delivery.BasicProperties.MessageId);
        }
        catch (Exception exception)
        {
            // Usually the connection went away before the ack; the broker redelivers and the processed-event record
            // keeps the handler from running twice if it had finished.
            LogDeliveryFailed(exception, delivery.BasicProperties.Type, delivery.BasicProperties.MessageId);
        }
    }

    /// <summary>
    /// Returns when the channel is closed while the connection is up: the broker closed it over an error, and the
    /// client's automatic recovery only reopens channels lost with their connection.
    /// </summary>
    private async Task WaitWhileUsableAsync(IChannel channel, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var closedTicks = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Several ticks in a row: right after a reconnect the connection is open a moment before its channels are.
            closedTicks = channel.IsClosed && connection.IsOpen ? closedTicks + 1 : 0;
            if (closedTicks >= 3)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not register {Subscriber} with the dead-letter office; its parking lot is not listed until it does")]
    private partial void LogNotRegistered(Exception exception, string subscriber);

    [LoggerMessage(LogLevel.Information, "Consuming {Queue} for {RoutingKeys}")]
    private partial void LogConsuming(string queue, string routingKeys);

    [LoggerMessage(LogLevel.Warning, "The channel consuming {Queue} was closed ({Reason}); opening a new one")]
    private partial void LogChannelClosed(string queue, string? reason);

    [LoggerMessage(LogLevel.Warning, "Cannot consume {Queue}; trying again in {Backoff}")]
    private partial void LogConsumeFailed(Exception exception, string queue, TimeSpan backoff);

    [LoggerMessage(LogLevel.Information, "Stopped handling {EventType} {MessageId} unacknowledged (channel closed or service stopping); the broker will redeliver it")]
    private partial void LogAbandoned(string? eventType, string? messageId);

    [LoggerMessage(LogLevel.Warning, "Delivery of {EventType} {MessageId} was not settled; the broker will redeliver it")]
    private partial void LogDeliveryFailed(Exception exception, string? eventType, string? messageId);
}
