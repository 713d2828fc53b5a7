using Microsoft.AspNetCore.SignalR;
using NexusChat.Conversations.Attachments;
using NexusChat.Conversations.Commands;
using NexusChat.Conversations.Live;
using NexusChat.Realtime.Calls;
using NexusChat.Realtime.Connections;
using NexusChat.Realtime.Groups;
using NexusChat.Realtime.Sessions;

namespace NexusChat.Realtime.Hubs;

public static class ChatHubRegistration
{
    /// <summary>
    /// The chat hub on the shared live-delivery setup (SignalR, both protocols, the Redis backplane): its connections
    /// and groups live in <see cref="LiveHub"/>'s lifetime manager, so the api's pushes reach them.
    /// </summary>
    public static IHostApplicationBuilder AddChatHub(this IHostApplicationBuilder builder)
    {
        builder.AddLiveDelivery();
        builder.Services.Configure<HubOptions>(options =>
        {
            options.AddFilter<HubRateLimitFilter>();
            options.AddFilter<ConversationBusyHubFilter>();
        });
        builder.Services.AddSingleton<UserInvocationLimiter>();
        builder.Services.AddOptions<ConnectionLimitOptions>().BindConfiguration(ConnectionLimitOptions.Section);
        builder.Services.AddSingleton<ConnectionQuota>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConnectionQuota>());
        builder.Services.AddSingleton<HubLifetimeManager<ChatHub>, ForwardedHubLifetimeManager<ChatHub>>();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<ConnectedSessions>();
        builder.Services.AddOptions<SessionCheckOptions>().BindConfiguration(SessionCheckOptions.Section)
            .Validate(o => o.RecheckInterval > TimeSpan.Zero, "Sessions:RecheckInterval must be positive.");
        builder.Services.AddSingleton<ConversationCommands>();
        builder.Services.AddSingleton<CompletedFiles>();
        builder.Services.AddHostedService<SessionRevocationListener>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddHostedService<MembershipChanges>();
        builder.AddCalls();
        return builder;
    }

    /// <summary>
    /// The hub, whose connections end when their access token expires (SignalR checks once a second): a client
    /// renews by reconnecting with a fresh token, so a stolen or revoked token is good for at most its lifetime.
    /// </summary>
    public static HubEndpointConventionBuilder MapChatHub(this IEndpointRouteBuilder app) =>
        app.MapHub<ChatHub>(ChatHub.Path, options => options.CloseOnAuthenticationExpiration = true);
}
