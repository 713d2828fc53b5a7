using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>Container mode (Docker/Podman answers) and publish mode: the servers are containers.</summary>
public static class ContainerServers
{
    public static InfrastructureResources Add(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, IResourceBuilder<ParameterResource> turnSecret)
    {
        // A published app gets one Redis resource for the platform to provide (a managed Redis fails over by itself).
        IResourceBuilder<IResourceWithConnectionString> redis = settings.HighAvailability && !settings.IsPublishMode
            ? RedisFailover.AddContainers(builder)
            : builder.AddRedis(ResourceNames.Redis, LoopbackPorts.Free())
                .WithDataVolume()
                .WithPersistence(TimeSpan.FromSeconds(10));
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging, port: LoopbackPorts.Free())
            .WithManagementPlugin()
            // The management image serves Prometheus metrics itself (rabbitmq_prometheus) on 15692.
            .WithEndpoint(targetPort: 15692, name: Monitoring.ScrapeTargets.MetricsEndpoint, scheme: "http")
            .WithDataVolume();
        var turn = TurnServer.AddContainer(builder, turnSecret);
        var mongo = settings.IsPublishMode
            ? MongoReplicaSet.AddManaged(builder)
            : MongoReplicaSet.AddContainers(builder, settings);

        return new InfrastructureResources(settings, redis, messaging, turn, turnSecret, mongo);
    }
}
