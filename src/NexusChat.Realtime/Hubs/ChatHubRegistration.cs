using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using NexusChat.Conversations;
using NexusChat.Realtime.Groups;
using NexusChat.Realtime.Sessions;
using StackExchange.Redis;

namespace NexusChat.Realtime.Hubs;

public static class ChatHubRegistration
{
    /// <summary>
    /// SignalR with JSON and MessagePack and the Redis backplane, so groups span replicas. The backplane reuses
    /// the Aspire-provided multiplexer (one connection per process, with its telemetry and resilience) instead of
    /// opening its own from a connection string (dotnet/aspnetcore#21063).
    /// </summary>
    public static IHostApplicationBuilder AddChatHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(options => options.AddFilter<HubRateLimitFilter>())
            .AddMessagePackProtocol()
            .AddStackExchangeRedis();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<ConnectedSessions>();
        builder.Services.AddSingleton<MessageSender>();
        builder.Services.AddHostedService<SessionRevocationListener>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddSingleton<MembershipChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MembershipChanges>());
        builder.Services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer>((options, multiplexer) =>
        {
            options.Configuration.ChannelPrefix = RedisChannel.Literal("nexuschat");
            options.ConnectionFactory = _ => Task.FromResult(multiplexer);
        });
        return builder;
    }
}
