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

    public static IResourceBuilder<IResourceWithEndpoints> AddContainer(
        IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> secret)
    {
        var port = builder.ExecutionContext.IsPublishMode ? StandardPort : LoopbackPorts.Free();
        return builder.AddContainer(ResourceNames.Turn, "coturn/coturn", "4.6")
            .WithEndpoint(port: port, targetPort: port, name: EndpointName, scheme: "turn", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("-n");
                context.Args.Add($"--listening-port={port}");
                context.Args.Add($"--realm={Realm}");
                context.Args.Add("--use-auth-secret");
                context.Args.Add(ReferenceExpression.Create($"--static-auth-secret={secret}"));
                context.Args.Add("--fingerprint");
                context.Args.Add("--no-tls");
                context.Args.Add("--no-dtls");
                context.Args.Add("--no-cli");
                foreach (var option in TurnPeerPolicy.Options(InfrastructureMode.Container, allowLoopbackPeers: false))
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
        {string.Join('\n', TurnPeerPolicy.Options(InfrastructureMode.Host, allowLoopbackPeers))}
        """;
}
