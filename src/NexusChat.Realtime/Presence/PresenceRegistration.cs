using Microsoft.Extensions.DependencyInjection.Extensions;
using NexusChat.Realtime.Telemetry;

namespace NexusChat.Realtime.Presence;

public static class PresenceRegistration
{
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section)
            .Validate(o => o.Ttl > o.HeartbeatInterval * 2, "Presence:Ttl must outlast two heartbeats, or one late renewal drops a live user.");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PresenceStore>();
        builder.Services.AddSingleton<PresenceNotifier>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<RealtimeMetrics>();
        builder.Services.AddHostedService<PresenceHeartbeat>();
        return builder;
    }
}
