namespace NexusChat.AppHost.Infrastructure;

public static class InfrastructureExtensions
{
    /// <summary>Adds MongoDB (or the embedded store), Redis, RabbitMQ and coturn in the mode chosen at start.</summary>
    public static InfrastructureResources AddNexusChatInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var settings = InfrastructureSettings.Resolve(builder);
        var turnSecret = builder.AddParameter(
            "turn-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

        return settings.Mode == InfrastructureMode.Container
            ? ContainerServers.Add(builder, settings, turnSecret)
            : HostServers.Add(builder, settings, turnSecret);
    }
}
