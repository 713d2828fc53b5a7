using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// The MongoDB replica set <c>rs0</c> of three members, modelled here because Aspire.Hosting.MongoDB is not in
/// our package source (and its replica-set support is experimental). The <c>mongo</c> resource is a connection
/// string listing every member; its health check initiates the set once and reports healthy when a primary
/// is elected, so services that wait for it start against a writable set.
/// </summary>
public static class MongoReplicaSet
{
    public const string SetName = "rs0";
    public const int MemberCount = 3;
    private const string Image = "mongo";
    private const string ImageTag = "8.0";

    public static string MemberName(int index) => ResourceNames.Replica(ResourceNames.Mongo, index);

    /// <summary>Publish mode: a managed replica set (e.g. Atlas) supplied as a connection string parameter.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddManaged(IDistributedApplicationBuilder builder) =>
        builder.AddConnectionString(ResourceNames.Mongo);

    public static IResourceBuilder<IResourceWithConnectionString> AddProcesses(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings, string mongod)
    {
        var members = new List<(IResourceBuilder<IResource> Resource, string Address)>();
        for (var i = 1; i <= MemberCount; i++)
        {
            var port = LoopbackPorts.Free();
            var data = RunDirectories.For(settings, MemberName(i));
            var member = builder.AddExecutable(MemberName(i), mongod, data,
                    "--replSet", SetName, "--port", port.ToString(), "--bind_ip", "127.0.0.1", "--dbpath", data)
                .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "mongodb", isProxied: false);
            members.Add((member, $"127.0.0.1:{port}"));
        }

        return AddReplicaSet(builder, members, members.Select(m => m.Address).ToList());
    }

    /// <remarks>
    /// Members advertise themselves as <c>host.docker.internal:port</c> on identical host and container ports: that
    /// name reaches the host from every container (added with host-gateway) and, on Docker Desktop, from the host
    /// too, so the driver on the host and the members agree on one list of addresses. Where the host does not
    /// resolve it, the AppHost stops before starting anything (<see cref="ContainerHostAlias"/>). The ports stay the
    /// same across runs (<see cref="MongoMemberPorts"/>), as the set's config in the data volumes names them.
    /// </remarks>
    public static IResourceBuilder<IResourceWithConnectionString> AddContainers(
        IDistributedApplicationBuilder builder, InfrastructureSettings settings)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) => ContainerHostAlias.Problem(ContainerHostAlias.Resolves) is { } problem
            ? throw new InvalidOperationException(problem)
            : Task.CompletedTask);

        var ports = MongoMemberPorts.Resolve(settings.DataRoot, MemberCount);
        var members = new List<(IResourceBuilder<IResource> Resource, string Address)>();
        for (var i = 1; i <= MemberCount; i++)
        {
            var port = ports[i - 1];
            var member = builder.AddContainer(MemberName(i), Image, ImageTag)
                .WithArgs("--replSet", SetName, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind_ip_all")
                .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "mongodb", isProxied: false)
                .WithContainerRuntimeArgs($"--add-host={ContainerHostAlias.Name}:host-gateway")
                .WithVolume($"nexuschat-{MemberName(i)}-data", "/data/db");
            members.Add((member, $"{ContainerHostAlias.Name}:{port}"));
        }

        return AddReplicaSet(builder, members, members.Select(m => m.Address).ToList());
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddReplicaSet(
        IDistributedApplicationBuilder builder,
        IReadOnlyList<(IResourceBuilder<IResource> Resource, string Address)> members,
        IReadOnlyList<string> advertised)
    {
        var connectionString = $"mongodb://{string.Join(',', advertised)}/?replicaSet={SetName}";
        var healthCheck = $"{ResourceNames.Mongo}-{SetName}";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new MongoReplicaSetHealthCheck(SetName, advertised));

        var replicaSet = builder.AddConnectionString(ResourceNames.Mongo, ReferenceExpression.Create($"{connectionString}"))
            .WithHealthCheck(healthCheck);
        foreach (var (member, _) in members)
        {
            replicaSet.WaitFor(member);
        }

        return replicaSet;
    }
}
