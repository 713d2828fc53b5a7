using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Topology;
using NexusChat.Tests.Hosting;
using RabbitMQ.Client;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// Sends do not depend on RabbitMQ: the change and its event are saved together, and the worker's outbox relay
/// publishes the events once the broker is back.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class MessagingOutageTests(HostModeAppFixture fixture)
{
    private const int Messages = 100;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SendsSucceedWhileRabbitMqIsDownAndEachMessageCreatedArrivesOnceItIsBack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var queue = $"test.outage.{Guid.NewGuid():N}";
        var factory = new ConnectionFactory { Uri = new Uri((await fixture.App.GetConnectionStringAsync(ResourceNames.Messaging, timeout.Token))!) };
        await using (var setup = await factory.CreateConnectionAsync(timeout.Token))
        await using (var channel = await setup.CreateChannelAsync(cancellationToken: timeout.Token))
        {
            await channel.ExchangeDeclareAsync(EventBusTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: timeout.Token);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: timeout.Token);
            await channel.QueueBindAsync(queue, EventBusTopology.Exchange, "MessageCreated", cancellationToken: timeout.Token);
        }

        var world = await ConversationWorld.CreateAsync(fixture);
        var conversation = await world.ChannelAsync("private");

        var stopped = DateTime.UtcNow;
        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Messaging, KnownResourceCommands.StopCommand, timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Messaging, e => e.Snapshot.State?.Text is "Exited" or "Finished", timeout.Token);
        var sent = new List<MessageDto>();
        for (var i = 0; i < Messages; i++)
        {
            sent.Add(await world.SendAsync(conversation.Id, world.Member, $"during the outage {i}"));
        }

        var remaining = Outage - (DateTime.UtcNow - stopped);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, timeout.Token);
        }

        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Messaging, KnownResourceCommands.StartCommand, timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token);

        var received = await ReceiveMessageCreatedAsync(factory, queue, conversation.Id, timeout.Token);

        Assert.Equal(sent.Select(m => m.Id).Order(), received.Values.Select(id => id).Order());
    }

    /// <summary>MessageCreated events of the conversation by event id (duplicates collapse, as a consumer dedupes).</summary>
    private static async Task<Dictionary<string, string>> ReceiveMessageCreatedAsync(
        ConnectionFactory factory, string queue, string conversationId, CancellationToken cancellationToken)
    {
        var byEventId = new Dictionary<string, string>();
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        while (byEventId.Count < Messages)
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
