using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// coturn with TURN REST credentials (<c>use-auth-secret</c>): the api signs short-lived credentials with the
/// shared secret and coturn verifies them, so no user list is kept in coturn.
/// </summary>
public static class TurnServer
{
    public const string Realm = "nexuschat";

    /// <summary>TURN's registered port: what a published deployment listens on (deploy/ uses it too), where a local run takes a free one.</summary>
    public const int StandardPort = 3478;
    private const string EndpointName = "turn";
    private const string UdpEndpointName = "turn-udp";

    /// <summary>The environment variable a container's coturn gets the shared secret from (see <see cref="AddContainer"/>).</summary>
    public const string SecretVariable = "TURN_SHARED_SECRET";

    // A host-mode coturn relays on the machine's whole dynamic range (49152-65535); up to 1,200 allocations at once.
    private const int HostTotalQuota = 1200;

    /// <summary>
    /// The relay ports a container publishes, one per allocation: 200 (a relayed 1:1 call takes one or two). Docker
    /// runs a proxy per published port, so the range stays small and the total quota matches it.
    /// </summary>
    public static readonly (int Min, int Max) ContainerRelayPorts = (49152, 49351);

    public static IResourceBuilder<IResourceWithEndpoints> AddProcess(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, string binary,
        IResourceBuilder<ParameterResource> secret)
    {
        var port = LoopbackPorts.Free();
        var directory = RunDirectories.For(settings, ResourceNames.Turn);
        var configFile = Path.Combine(directory, "turnserver.conf");
        AddListeningCheck(builder, port);

        return builder.AddExecutable(ResourceNames.Turn, binary, directory, "-c", configFile)
            .WithEndpoint(port: port, targetPort: port, name: EndpointName, scheme: "turn", isProxied: false)
            .WithHealthCheck(HealthCheckName)
            // The secret is a parameter whose value exists only once the app runs, and coturn reads it from
            // its config file (not argv, where every process listing would show it).
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                var value = await secret.Resource.GetValueAsync(cancellationToken);
                await File.WriteAllTextAsync(configFile, Config(port, directory, value!, settings.AllowLoopbackTurnPeers), cancellationToken);
            });
    }

    /// <summary>
    /// coturn in a container: TURN and STUN on one port over UDP (what browsers use) and TCP (the health check and
    /// TCP fallback), and the relay range published over UDP. The secret arrives in an environment variable that a
    /// shell writes to an owner-only config file before it becomes coturn (<c>exec</c>): no process's arguments
    /// carry it, and the manifest carries it as a reference to the secret parameter.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddContainer(
        IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> secret)
    {
        var port = builder.ExecutionContext.IsPublishMode ? StandardPort : LoopbackPorts.Free();
        var (minPort, maxPort) = ContainerRelayPorts;
        return builder.AddContainer(ResourceNames.Turn, "coturn/coturn", "4.6")
            .WithEndpoint(port: port, targetPort: port, name: EndpointName, scheme: "turn", isProxied: false)
            .WithEndpoint(port: port, targetPort: port, name: UdpEndpointName, scheme: "turn", isProxied: false, protocol: ProtocolType.Udp)
            .WithContainerRuntimeArgs("--publish", $"{minPort}-{maxPort}:{minPort}-{maxPort}/udp")
            .WithEnvironment(SecretVariable, secret)
            .WithEntrypoint("/bin/sh")
            .WithArgs(context =>
            {
                context.Args.Add("-c");
                context.Args.Add(
                    $"umask 077 && printf 'static-auth-secret=%s\\n' \"${SecretVariable}\" > /tmp/turn-secret.conf && exec turnserver -c /tmp/turn-secret.conf \"$@\"");
                context.Args.Add("turnserver");
                context.Args.Add($"--listening-port={port}");
                context.Args.Add($"--min-port={minPort}");
                context.Args.Add($"--max-port={maxPort}");
                context.Args.Add($"--realm={Realm}");
                context.Args.Add("--use-auth-secret");
                context.Args.Add("--fingerprint");
                context.Args.Add("--no-tls");
                context.Args.Add("--no-dtls");
                context.Args.Add("--no-cli");
                context.Args.Add("--log-file=stdout");
                foreach (var option in TurnPeerPolicy.Options(allowLoopbackPeers: false, totalQuota: maxPort - minPort + 1))
                {
                    context.Args.Add($"--{option}");
                }
            });
    }

    private const string HealthCheckName = $"{ResourceNames.Turn}-listening";

    private static void AddListeningCheck(IDistributedApplicationBuilder builder, int port) =>
        builder.Services.AddHealthChecks().AddCheck(HealthCheckName, new TcpListeningHealthCheck("127.0.0.1", port));

    private static string Config(int port, string directory, string secret, bool allowLoopbackPeers) => $"""
        listening-ip=127.0.0.1
        relay-ip=127.0.0.1
        listening-port={port}
        min-port=49152
        max-port=65535
        realm={Realm}
        use-auth-secret
        static-auth-secret={secret}
        fingerprint
        no-tls
        no-dtls
        no-cli
        no-software-attribute
        pidfile={Path.Combine(directory, "turnserver.pid")}
        log-file=stdout
        simple-log
        {string.Join('\n', TurnPeerPolicy.Options(allowLoopbackPeers, HostTotalQuota))}
        """;
}
