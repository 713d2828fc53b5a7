using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Redis with automatic failover: a primary, one replica and three Sentinels that promote the replica when the primary
/// has not answered for <see cref="DownAfterMilliseconds"/> (a failover took ≈3 s here). Aspire.Hosting.Redis models
/// one server only, so the set is modelled here like the MongoDB replica set: the <c>redis</c> resource is a
/// connection string naming the Sentinels and the service (<c>serviceName=</c>), and the clients ask the Sentinels
/// for the primary and follow it when it changes, without a restart. Replication is asynchronous: a failover loses
/// the writes of roughly the last second the replica had not received yet (docs/hosting.md).
/// </summary>
public static class RedisFailover
{
    /// <summary>The name under which the Sentinels monitor the primary; clients ask for it.</summary>
    public const string ServiceName = "nexuschat";
    public const int DataNodes = 2;
    public const int Sentinels = 3;
    public const int DownAfterMilliseconds = 2000;
    private const string Image = "redis";
    private const string ImageTag = "7.4";
    private const string DockerHost = "host.docker.internal";

    /// <summary>Host mode: loopback only, and the address each server sees is the one everyone uses.</summary>
    private static readonly Reachability Loopback = new("127.0.0.1", Announce: null);

    /// <summary>
    /// Containers: listening on every interface of the container, each announces the address the others and the host
    /// reach it at, so what a Sentinel hands out after a failover is reachable (not the container's own IP).
    /// </summary>
    private static Reachability Announced(int port) => new("0.0.0.0", (DockerHost, port));

    public static string NodeName(int index) => ResourceNames.Replica(ResourceNames.Redis, index);

    public static string SentinelName(int index) => ResourceNames.Replica($"{ResourceNames.Redis}-sentinel", index);

    public static IResourceBuilder<IResourceWithConnectionString> AddProcesses(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, string redisServer)
    {
        var members = new List<IResourceBuilder<IResource>>();
        var primaryPort = 0;
        var sentinelPorts = Enumerable.Range(0, Sentinels).Select(_ => LoopbackPorts.Free()).ToList();
        var sentinelAddresses = sentinelPorts.Select(port => $"127.0.0.1:{port}").ToList();
        for (var i = 1; i <= DataNodes; i++)
        {
            var port = LoopbackPorts.Free();
            primaryPort = i == 1 ? port : primaryPort;
            var directory = RunDirectories.For(settings, NodeName(i));
            // From a file, not arguments: the Sentinels rewrite it (CONFIG REWRITE) when they change a node's role, so
            // a node restarted after a failover comes back as what it was made, not as what it was started as; and a
            // node that was down during the failover is pointed at the new primary before it starts (RedisRejoin).
            var config = WriteConfig(directory, "redis.conf", NodeConfig(port, directory, i == 1 ? null : $"127.0.0.1 {primaryPort}", Loopback));
            members.Add(builder.AddExecutable(NodeName(i), redisServer, directory, config)
                .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
                .OnBeforeResourceStarted((_, _, cancellationToken) => RedisRejoin.FollowCurrentPrimaryAsync(config, port, sentinelAddresses, cancellationToken)));
        }

        var sentinels = new List<string>();
        for (var i = 1; i <= Sentinels; i++)
        {
            var port = sentinelPorts[i - 1];
            var directory = RunDirectories.For(settings, SentinelName(i));
            var config = WriteConfig(directory, "sentinel.conf", SentinelConfig(port, directory, $"127.0.0.1 {primaryPort}", Loopback));
            members.Add(builder.AddExecutable(SentinelName(i), redisServer, directory, config, "--sentinel")
                .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false));
            sentinels.Add($"127.0.0.1:{port}");
        }

        return AddSet(builder, members, sentinels);
    }

    /// <remarks>
    /// As the MongoDB members do, every container is reached at <c>host.docker.internal</c> on identical host and
    /// container ports: the Sentinels hand that address of the primary to the services on the host and to each other.
    /// A Sentinel needs a writable config file, so each writes its own at start.
    /// </remarks>
    public static IResourceBuilder<IResourceWithConnectionString> AddContainers(IDistributedApplicationBuilder builder)
    {
        var members = new List<IResourceBuilder<IResource>>();
        var primaryPort = 0;
        for (var i = 1; i <= DataNodes; i++)
        {
            var port = LoopbackPorts.Free();
            primaryPort = i == 1 ? port : primaryPort;
            members.Add(Container(builder, NodeName(i), port, "/data/redis.conf",
                    NodeConfig(port, "/data", i == 1 ? null : $"{DockerHost} {primaryPort}", Announced(port)), [])
                .WithVolume($"nexuschat-{NodeName(i)}-data", "/data"));
        }

        var sentinels = new List<string>();
        for (var i = 1; i <= Sentinels; i++)
        {
            var port = LoopbackPorts.Free();
            members.Add(Container(builder, SentinelName(i), port, "/data/sentinel.conf",
                SentinelConfig(port, "/data", $"{DockerHost} {primaryPort}", Announced(port)), ["--sentinel"]));
            sentinels.Add($"{DockerHost}:{port}");
        }

        return AddSet(builder, members, sentinels);
    }

    /// <summary>What clients are given: every Sentinel and the service to ask them for.</summary>
    public static string ConnectionString(IEnumerable<string> sentinels) => $"{string.Join(',', sentinels)},serviceName={ServiceName}";

    private static IResourceBuilder<ContainerResource> Container(
        IDistributedApplicationBuilder builder, string name, int port, string configPath, string config, string[] extraArgs)
    {
        // The config is written only when absent, so what a Sentinel rewrote survives a container restart.
        var script = $"[ -f {configPath} ] || printf '%s' '{config}' > {configPath}; exec redis-server {configPath} {string.Join(' ', extraArgs)}";
        return builder.AddContainer(name, Image, ImageTag)
            .WithEntrypoint("sh")
            .WithArgs("-c", script)
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithContainerRuntimeArgs("--add-host=host.docker.internal:host-gateway");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddSet(
        IDistributedApplicationBuilder builder, IReadOnlyList<IResourceBuilder<IResource>> members, IReadOnlyList<string> sentinels)
    {
        var connectionString = ConnectionString(sentinels);
        var healthCheck = $"{ResourceNames.Redis}-failover";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new RedisFailoverHealthCheck(sentinels));
        var set = builder.AddConnectionString(ResourceNames.Redis, ReferenceExpression.Create($"{connectionString}"))
            .WithHealthCheck(healthCheck);
        foreach (var member in members)
        {
            set.WaitFor(member);
        }

        return set;
    }

    // AOF on, as the single server has it, so a restarted node keeps sessions and presence; no RDB snapshots.
    private static string NodeConfig(int port, string directory, string? replicaOf, Reachability reach) =>
        $"port {port}\nbind {reach.Bind}\nprotected-mode no\ndir {directory}\nsave \"\"\nappendonly yes\n"
        + (replicaOf is null ? "" : $"replicaof {replicaOf}\n")
        + (reach.Announce is { } at ? $"replica-announce-ip {at.Host}\nreplica-announce-port {at.Port}\n" : "");

    private static string SentinelConfig(int port, string directory, string primary, Reachability reach) =>
        $"port {port}\nbind {reach.Bind}\nprotected-mode no\ndir {directory}\n"
        + (reach.Announce is { } at
            ? $"sentinel resolve-hostnames yes\nsentinel announce-hostnames yes\nsentinel announce-ip {at.Host}\nsentinel announce-port {at.Port}\n"
            : "")
        + $"sentinel monitor {ServiceName} {primary} 2\n"
        + $"sentinel down-after-milliseconds {ServiceName} {DownAfterMilliseconds}\n"
        + $"sentinel failover-timeout {ServiceName} 10000\n"
        + $"sentinel parallel-syncs {ServiceName} 1\n";

    private static string WriteConfig(string directory, string fileName, string content)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    private sealed record Reachability(string Bind, (string Host, int Port)? Announce);
}
