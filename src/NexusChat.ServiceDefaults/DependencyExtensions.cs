using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexusChat.Contracts.Hosting;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace NexusChat.ServiceDefaults;

/// <summary>
/// Redis and RabbitMQ clients from the Aspire integrations (telemetry, retries, connection strings by resource
/// name), with each health check registered under the dependency's own name so <c>/health</c> and
/// <c>/api/status</c> report "redis" and "messaging" rather than library names.
/// </summary>
public static class DependencyExtensions
{
    public static IHostApplicationBuilder AddRedisDependency(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(ResourceNames.Redis, settings => settings.DisableHealthChecks = true,
            // The library's default backs off exponentially up to 10 s between reconnects, so the longer Redis was
            // down, the longer sessions, presence and the backplane stay cut after it is back (a 20 s outage gave
            // 6.6 s). Retrying every second keeps "back within seconds of Redis" true whatever the outage's length.
            options => options.ReconnectRetryPolicy = new LinearRetry(1000));
        builder.Services.AddHealthChecks().AddRedis(
            sp => sp.GetRequiredService<IConnectionMultiplexer>(), ResourceNames.Redis, tags: [Extensions.DependencyTag],
            timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    public static IHostApplicationBuilder AddMessagingDependency(this IHostApplicationBuilder builder)
    {
        builder.AddRabbitMQClient(ResourceNames.Messaging, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddRabbitMQ(
            sp => sp.GetRequiredService<IConnection>(), ResourceNames.Messaging, tags: [Extensions.DependencyTag],
            timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}
