using System.Text.Json;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Topology;
using NexusChat.Tests.Hosting;
using RabbitMQ.Client;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// A durable consumer's view of the bus: a queue of its own bound to <c>MessageCreated</c>, declared before the test
/// acts, read afterwards, deleted on dispose (a durable queue left behind fills with every later test's events).
/// </summary>
public sealed class MessageCreatedQueue(ConnectionFactory factory, string queue) : IAsyncDisposable
{
    public static async Task<MessageCreatedQueue> DeclareAsync(HostModeAppFixture fixture, CancellationToken cancellationToken)
    {
        var queue = $"test.messages.{Guid.NewGuid():N}";
        var factory = new ConnectionFactory
        {
            Uri = new Uri((await fixture.App.GetConnectionStringAsync(ResourceNames.Messaging, cancellationToken))!),
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EventBusTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, EventBusTopology.Exchange, "MessageCreated", cancellationToken: cancellationToken);
        return new MessageCreatedQueue(factory, queue);
    }

    /// <summary>
    /// Reads until every one of <paramref name="messageIds"/> arrived, and returns every delivery of the conversation's
    /// events in arrival order: a redelivered or republished event shows as a second entry, not collapsed by event id.
    /// </summary>
    public async Task<List<(string EventId, string MessageId)>> ReceiveAsync(
        string conversationId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var deliveries = new List<(string EventId, string MessageId)>();
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        while (!messageIds.All(id => deliveries.Any(d => d.MessageId == id)))
        {
            var delivery = await channel.BasicGetAsync(queue, autoAck: true, cancellationToken);
            if (delivery is null)
            {
                await Task.Delay(200, cancellationToken);
                continue;
            }

            using var payload = JsonDocument.Parse(delivery.Body);
            var message = payload.RootElement.GetProperty("message");
            if (message.GetProperty("conversationId").GetString() == conversationId)
            {
                deliveries.Add((payload.RootElement.GetProperty("id").GetString()!, message.GetProperty("id").GetString()!));
            }
        }

        return deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }
}
