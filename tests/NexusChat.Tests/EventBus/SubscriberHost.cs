using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Configuration;
using NexusChat.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// A service process in miniature: a generic host with its own RabbitMQ connection (so a test can cut it) and the
/// shared Redis, configured by the test with <c>AddEventBus</c>. Started, it is consuming.
/// </summary>
public sealed class SubscriberHost(IHost host, IConnection connection, string queue) : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    public IConnection Connection => connection;

    public IServiceProvider Services => host.Services;

    public static async Task<SubscriberHost> StartAsync(
        RabbitMqServerFixture rabbit, RedisServerFixture redis, ITestOutputHelper output, string subscriber,
        Action<HostApplicationBuilder> configure, CancellationToken cancellationToken)
    {
        var connection = await rabbit.ConnectAsync(subscriber, cancellationToken);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output)));
        builder.Services.AddSingleton(connection);
        builder.Services.AddSingleton(redis.Connection);
        configure(builder);
        var host = builder.Build();
        var started = new SubscriberHost(host, connection, $"nexuschat.{subscriber}");
        await host.StartAsync(cancellationToken);
        if (!host.Services.GetRequiredService<IOptions<EventSubscriptions>>().Value.IsEmpty)
        {
            await started.WaitUntilConsumingAsync(cancellationToken);
        }

        return started;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        host.Dispose();
        await connection.DisposeAsync();
    }

    // The consumer declares its queue in the background; a test publishes only once the queue is bound and consumed.
    private async Task WaitUntilConsumingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            try
            {
                if (await channel.ConsumerCountAsync(queue, timeout.Token) > 0)
                {
                    return;
                }
            }
            catch (OperationInterruptedException)
            {
                // Not declared yet (404 closes the channel).
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
