using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace NexusChat.Conversations.Live;

public static class LiveDeliveryRegistration
{
    /// <summary>
    /// SignalR with the Redis backplane, JSON and MessagePack, and the live push. Every process that pushes or holds
    /// connections registers both protocols: the backplane carries a message serialized for each protocol the sender
    /// knows, and a receiver cannot serve a connection whose protocol the sender left out. The backplane reuses the
    /// Aspire-provided multiplexer (one connection per process, with its telemetry and resilience) instead of opening
    /// its own from a connection string (dotnet/aspnetcore#21063).
    /// </summary>
    public static IHostApplicationBuilder AddLiveDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR()
            .AddMessagePackProtocol()
            .AddStackExchangeRedis();
        builder.Services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer>((options, multiplexer) =>
        {
            options.Configuration.ChannelPrefix = RedisChannel.Literal("nexuschat");
            options.ConnectionFactory = _ => Task.FromResult(multiplexer);
        });
        builder.Services.AddSingleton<LiveMarkers>();
        builder.Services.AddSingleton<LiveMetrics>();
        builder.Services.AddSingleton<LivePush>();
        builder.Services.AddSingleton<MembershipSignal>();
        return builder;
    }
}
