using System.Text.Json;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Topology;
using NexusChat.Tests.Hosting;
using RabbitMQ.Client;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// A durable consumer's view of the bus: a queue of its own bound to <c>MessageCreated</c>, declared before the test
/// acts, read afterwards.
/// </summary>
public sealed class MessageCreatedQueue(ConnectionFactory factory, string queue)
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
    /// Reads until <paramref name="expected"/> distinct events of the conversation arrived: message id by event id
    /// (a redelivered event collapses, as a consumer dedupes by event id).
    /// </summary>
    public async Task<Dictionary<string, string>> ReceiveAsync(string conversationId, int expected, CancellationToken cancellationToken)
    {
        var byEventId = new Dictionary<string, string>();
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        while (byEventId.Count < expected)
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
                byEventId[payload.RootElement.GetProperty("id").GetString()!] = message.GetProperty("id").GetString()!;
            }
        }

        return byEventId;
    }
}
