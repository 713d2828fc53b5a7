using Microsoft.Extensions.Options;
using NexusChat.EventBus.Configuration;
using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.Publishing;

/// <summary>
/// A channel in publisher-confirm mode shared by everything that publishes in a process: each publish returns only
/// once the broker has the message (written to a quorum queue's majority) and throws if it was nacked or returned.
/// </summary>
internal sealed class ConfirmedChannel(IConnection connection, IOptions<EventBusOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(string exchange, string routingKey, bool mandatory, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var channel = await OpenAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await channel.BasicPublishAsync(exchange, routingKey, mandatory, properties, body, timeout.Token);
    }

    private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            // A connection loss is healed by the client's automatic recovery, which reopens this same channel. A channel
            // the broker closed on its own (an error on it) is not recovered, so it is replaced once the connection is up.
            if (_channel is { IsClosed: true } && connection.IsOpen)
            {
                await _channel.DisposeAsync();
                _channel = null;
            }

            if (_channel is null)
            {
                var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                    cancellationToken);
                await EventBusTopology.DeclareExchangeAsync(channel, cancellationToken);
                _channel = channel;
            }

            return _channel;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _opening.Dispose();
    }
}
