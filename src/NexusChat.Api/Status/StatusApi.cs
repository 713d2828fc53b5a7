using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Contracts.Status;

namespace NexusChat.Api.Status;

public static class StatusApi
{
    public static IHostApplicationBuilder AddStatusApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.Section)
            .Validate(o => o.CacheFor >= TimeSpan.Zero, "Status:CacheFor must not be negative")
            .Validate(o => o.PerAddress.PermitLimit > 0 && o.PerAddress.Window > TimeSpan.Zero, "Status:PerAddress needs a positive PermitLimit and Window")
            .ValidateOnStart();
        builder.Services.AddSingleton<StatusProbe>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, StatusRateLimitPolicy>(StatusRateLimitPolicy.Name));
        return builder;
    }

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Status")
            .MapGet("/status", GetStatus)
            .WithName(nameof(GetStatus))
            .WithSummary("Which replica answered and how each dependency is doing (probed at most every few seconds).")
            .RequireRateLimiting(StatusRateLimitPolicy.Name);
        return app;
    }

    /// <summary>The last probe round's report (see <see cref="StatusProbe"/>); <c>checkedAt</c> says when it ran.</summary>
    public static async Task<Ok<ServiceStatus>> GetStatus(StatusProbe probe, CancellationToken cancellationToken) =>
        TypedResults.Ok(await probe.GetAsync(cancellationToken));
}
