using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.Contracts.Hosting;
using NexusChat.ServiceDefaults;

namespace NexusChat.Api.Turn;

public static class TurnRegistration
{
    /// <summary>
    /// coturn is probed but never makes the api unready: without TURN only relayed calls fail while chat works,
    /// so a dead coturn is reported as degraded rather than taking replicas out of rotation.
    /// </summary>
    public static IHostApplicationBuilder AddTurnDependency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TurnOptions>().BindConfiguration(TurnOptions.Section)
            .Validate(o => o.CredentialLifetime >= TimeSpan.FromMinutes(1) && o.CredentialLifetime <= TurnOptions.MaxCredentialLifetime,
                "Turn:CredentialLifetime must be between 1 minute and 1 hour.")
            // An empty secret would sign credentials anyone can forge.
            .Validate(o => !string.IsNullOrEmpty(o.SharedSecret), "Turn:SharedSecret must be set.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TurnCredentials>();
        builder.Services.AddHealthChecks().AddCheck<TurnHealthCheck>(
            ResourceNames.Turn, HealthStatus.Degraded, [Extensions.DependencyTag], TimeSpan.FromSeconds(3));
        return builder;
    }
}
