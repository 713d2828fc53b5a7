using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexusChat.DyingSubscriber;
using NexusChat.EventBus.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

// A subscriber for EventBusDeliveryTests that dies the hard way: it consumes ProbeEvents, prints "handling <id>" when a
// handler starts, and never finishes it; the test then kills the process.
// Usage: DyingSubscriber <amqp port> <redis port> <subscriber name>. Prints "consuming" once its queue has a consumer.
var (amqpPort, redisPort, subscriber) = (int.Parse(args[0], CultureInfo.InvariantCulture), args[1], args[2]);

var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = amqpPort, ClientProvidedName = subscriber };
var connection = await factory.CreateConnectionAsync();
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Services.AddSingleton(connection);
builder.Services.AddSingleton<IConnectionMultiplexer>(await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort}"));
builder.AddEventBus(subscriber).AddSubscription<ProbeEvent, HangingHandler>();
using var host = builder.Build();
await host.StartAsync();

// The consumer declares its queue in the background; the test publishes only once it consumes.
while (!await IsConsumingAsync(connection, $"nexuschat.{subscriber}"))
{
    await Task.Delay(50);
}

Console.WriteLine("consuming");
await host.WaitForShutdownAsync();

static async Task<bool> IsConsumingAsync(IConnection connection, string queue)
{
    // A fresh channel each time: asking about an undeclared queue closes the channel (404).
    await using var channel = await connection.CreateChannelAsync();
    try
    {
        return await channel.ConsumerCountAsync(queue) > 0;
    }
    catch (OperationInterruptedException)
    {
        return false;
    }
}
