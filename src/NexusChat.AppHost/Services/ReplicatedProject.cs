using Microsoft.Extensions.Configuration;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Services;

/// <summary>
/// A service that runs as several replicas. In a local run each replica is its own resource
/// (<c>api-1</c>, <c>api-2</c>, …) with its own address, because the gateway balances, health-checks and
/// ejects replicas itself; Aspire's <c>WithReplicas</c> would hide them behind one DCP proxy address that
/// picks a replica per TCP connection. In publish mode it is one service scaled by the platform.
/// </summary>
public sealed class ReplicatedProject(string name, IReadOnlyList<IResourceBuilder<ProjectResource>> replicas)
{
    public const int DefaultReplicas = 3;

    public string Name { get; } = name;

    public IReadOnlyList<IResourceBuilder<ProjectResource>> Replicas { get; } = replicas;

    public ReplicatedProject Configure(Action<IResourceBuilder<ProjectResource>> configure)
    {
        foreach (var replica in Replicas)
        {
            configure(replica);
        }

        return this;
    }
}

public static class ReplicatedProjectExtensions
{
    /// <param name="defaultCount">Replicas unless <c>NexusChat:Replicas:&lt;name&gt;</c> says otherwise.</param>
    public static ReplicatedProject AddReplicatedProject<TProject>(
        this IDistributedApplicationBuilder builder, string name, int defaultCount = ReplicatedProject.DefaultReplicas)
        where TProject : IProjectMetadata, new()
    {
        var count = builder.Configuration.GetValue($"NexusChat:Replicas:{name}", defaultCount);
        if (builder.ExecutionContext.IsPublishMode)
        {
            var service = builder.AddProject<TProject>(name).WithReplicas(count).WithInstanceId(name);
            return new ReplicatedProject(name, [service]).Configure(r => r.WithHttpHealthCheck("/health").WithServiceSettings(builder.Configuration, name));
        }

        var replicas = Enumerable.Range(1, count)
            .Select(i => builder.AddProject<TProject>(ResourceNames.Replica(name, i))
                .WithInstanceId(ResourceNames.Replica(name, i))
                .WithEndpoint("http", endpoint =>
                {
                    // The launch profile's fixed port can serve one replica only: each gets a free one. Not behind a
                    // DCP proxy either: a proxy keeps accepting connections for a dead replica, so the gateway's
                    // probes and forwarded WebSocket upgrades would hang until a timeout instead of failing at once.
                    var port = LoopbackPorts.Free();
                    endpoint.Port = port;
                    endpoint.TargetPort = port;
                    endpoint.IsProxied = false;
                }))
            .ToList();
        return new ReplicatedProject(name, replicas).Configure(r => r.WithHttpHealthCheck("/health").WithServiceSettings(builder.Configuration, name));
    }
}
