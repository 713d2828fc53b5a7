using Microsoft.Extensions.Logging;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>
/// The subscriber's parked messages (attempts exhausted, unreadable, or no handler): counted for dashboards and
/// replayed by an operator, through the worker, once the cause is fixed.
/// </summary>
public sealed partial class ParkingLot(IConnection connection, SubscriberTopology topology, ILogger<ParkingLot> logger)
{
    public async Task<uint> CountAsync(CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return await ParkedCountAsync(channel, cancellationToken);
    }

    /// <summary>Moves the messages parked now back to the subscriber's queue with a fresh attempt count; returns how many.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        // Bounded by the count taken first: a message that fails again during the replay is parked anew and waits
        // for the next replay instead of cycling.
        var parked = await ParkedCountAsync(channel, cancellationToken);
        var replayed = 0;
        while (replayed < parked && await channel.BasicGetAsync(topology.ParkingQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = MessageHeaders.WithRetryCount(message.BasicProperties.Headers, 0),
            };
            // Confirmed before the parked copy is acknowledged, so a failure in between leaves a duplicate, never a loss.
            await channel.BasicPublishAsync("", topology.Queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }

        LogReplayed(replayed, topology.ParkingQueue);
        return replayed;
    }

    // A subscriber that handles nothing yet never declared its queues: nothing can be parked there.
    private async Task<uint> ParkedCountAsync(IChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.MessageCountAsync(topology.ParkingQueue, cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }

    private const ushort NotFound = 404;

    [LoggerMessage(LogLevel.Information, "Replayed {Count} message(s) from {ParkingQueue}")]
    private partial void LogReplayed(int count, string parkingQueue);
}
