namespace NexusChat.Realtime.Calls;

public static class CallRegistration
{
    /// <summary>Call signaling on the hub, with its state in the Redis every replica shares.</summary>
    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section)
            .Validate(o => o.StartsPerUser is { PermitLimit: > 0 } limit && limit.Window > TimeSpan.Zero,
                "Calls:StartsPerUser needs a positive PermitLimit and Window.")
            .Validate(o => o.RenewInterval > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.RenewInterval * 2 < o.ParticipantTimeout,
                "Calls: the intervals must be positive and RenewInterval less than half of ParticipantTimeout.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CallStore>();
        builder.Services.AddSingleton<LocalCallSeats>();
        builder.Services.AddSingleton<CallMetrics>();
        builder.Services.AddSingleton<CallHistory>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CallHistory>());
        builder.Services.AddSingleton<CallService>();
        builder.Services.AddSingleton<CallMediaReports>();
        builder.Services.AddSingleton<CallStartLimit>();
        builder.Services.AddSingleton<CallMembership>();
        builder.Services.AddHostedService<CallLiveness>();
        return builder;
    }
}
