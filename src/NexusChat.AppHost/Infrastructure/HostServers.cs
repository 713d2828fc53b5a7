using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Hosting;
using RabbitMQ.Client;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Host mode: the servers run as local processes on free loopback ports, their data under one folder per
/// run. This is how NexusChat runs on a machine without a container engine (CI, plain Linux boxes).
/// </summary>
public static class HostServers
{
    public static InfrastructureResources Add(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, IResourceBuilder<ParameterResource> turnSecret)
    {
        var binaries = HostBinaries.Require(
            ("redis-server", "redis-server"),
            ("rabbitmq-server", "rabbitmq-server"),
            ("turnserver", "coturn"),
            // Monitoring/MonitoringResources runs these two beside the servers.
            ("prometheus", "prometheus"),
            ("prometheus-alertmanager", "prometheus-alertmanager"));
        RunDirectories.Prepare(settings);

        var redis = settings.HighAvailability
            ? RedisFailover.AddProcesses(builder, settings, binaries["redis-server"])
            : AddRedis(builder, settings, binaries["redis-server"]);
        var messaging = AddRabbitMq(builder, settings, binaries["rabbitmq-server"]);
        var turn = TurnServer.AddProcess(builder, settings, binaries["turnserver"], turnSecret);

        // MongoDB is optional on a host: without mongod the services use the embedded store.
        var mongod = HostBinaries.Find("mongod");
        var mongo = mongod is null ? null : MongoReplicaSet.AddProcesses(builder, settings, mongod);

        return new InfrastructureResources(settings, redis, messaging, turn, turnSecret, mongo);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRedis(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, string binary)
    {
        var port = LoopbackPorts.Free();
        var directory = RunDirectories.For(settings, ResourceNames.Redis);
        var connectionString = $"127.0.0.1:{port}";
        var healthCheck = $"{ResourceNames.Redis}-host";
        builder.Services.AddHealthChecks().AddRedis(connectionString, healthCheck);

        // AOF so sessions and presence survive a Redis restart within a run.
        return builder.AddResource(new HostServerResource(ResourceNames.Redis, binary, directory, connectionString))
            .WithArgs("--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                "--dir", directory, "--protected-mode", "no")
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRabbitMq(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, string script)
    {
        var port = LoopbackPorts.Free();
        var directory = RunDirectories.For(settings, ResourceNames.Messaging);
        var connectionString = $"amqp://guest:guest@127.0.0.1:{port}/";
        var metricsPort = LoopbackPorts.Free();
        var node = RabbitMqNode.Prepare(directory, port, metricsPort);

        var healthCheck = $"{ResourceNames.Messaging}-host";
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => connection ??= await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync(),
            healthCheck);

        var resource = builder.AddResource(new HostServerResource(ResourceNames.Messaging, script, directory, connectionString))
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "amqp", isProxied: false)
            .WithEndpoint(port: metricsPort, targetPort: metricsPort, name: Monitoring.ScrapeTargets.MetricsEndpoint, scheme: "http", isProxied: false)
            .WithHealthCheck(healthCheck);
        foreach (var (name, value) in node.Environment)
        {
            resource.WithEnvironment(name, value);
        }

        return resource;
    }
}
