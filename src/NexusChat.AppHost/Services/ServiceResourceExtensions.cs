using Microsoft.Extensions.Configuration;
using NexusChat.AppHost.Infrastructure;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Services;

/// <summary>How a service is wired to the infrastructure: references, waits and the settings it reads.</summary>
public static class ServiceResourceExtensions
{
    public static IResourceBuilder<ProjectResource> WithInstanceId(this IResourceBuilder<ProjectResource> service, string instanceId) =>
        service.WithEnvironment(Env(ServiceSettingKeys.InstanceId), instanceId);

    /// <summary>References and waits for <paramref name="dependency"/> and tells the service which mode it runs in.</summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, InfrastructureResources infrastructure,
        IResourceBuilder<IResourceWithConnectionString> dependency) =>
        service.WithReference(dependency)
            .WaitFor(dependency)
            .WithEnvironment(Env(ServiceSettingKeys.Mode(dependency.Resource.Name)), infrastructure.ModeOf(dependency.Resource.Name));

    /// <summary>The MongoDB replica set when there is one, else the embedded store shared by every process on this host.</summary>
    public static IResourceBuilder<ProjectResource> WithStore(
        this IResourceBuilder<ProjectResource> service, InfrastructureResources infrastructure)
    {
        service.WithEnvironment(Env(ServiceSettingKeys.Mode(ServiceSettingKeys.StoreDependency)), infrastructure.ModeOf(ServiceSettingKeys.StoreDependency));
        if (infrastructure.Mongo is { } mongo)
        {
            return service.WithReference(mongo).WaitFor(mongo)
                .WithEnvironment(Env(ServiceSettingKeys.StoreProvider), ServiceSettingKeys.MongoProvider);
        }

        return service
            .WithEnvironment(Env(ServiceSettingKeys.StoreProvider), ServiceSettingKeys.EmbeddedProvider)
            .WithEnvironment(Env(ServiceSettingKeys.EmbeddedStorePath), infrastructure.EmbeddedStorePath);
    }

    /// <summary>
    /// The folder the replicas share for uploads: any replica must be able to append the next chunk of an upload
    /// another one started, so staging cannot be per process. The worker reads the completed files from it and keeps
    /// their thumbnails there.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFileStorage(
        this IResourceBuilder<ProjectResource> service, InfrastructureResources infrastructure) =>
        service.WithEnvironment(Env(ServiceSettingKeys.FilesDirectory), infrastructure.FilesDirectory);

    public static IResourceBuilder<ProjectResource> WithTurn(
        this IResourceBuilder<ProjectResource> service, InfrastructureResources infrastructure)
    {
        var endpoint = infrastructure.Turn.GetEndpoint("turn");
        return service.WaitFor(infrastructure.Turn)
            .WithEnvironment(Env(ServiceSettingKeys.Mode(ResourceNames.Turn)), infrastructure.ModeOf(ResourceNames.Turn))
            .WithEnvironment("Turn__Host", endpoint.Property(EndpointProperty.Host))
            .WithEnvironment("Turn__Port", endpoint.Property(EndpointProperty.Port))
            .WithEnvironment("Turn__Realm", TurnServer.Realm)
            .WithEnvironment("Turn__SharedSecret", infrastructure.TurnSecret);
    }

    /// <summary>
    /// Passes the AppHost's configuration section <c>NexusChat:Services:&lt;service&gt;</c> to the service, e.g.
    /// <c>NexusChat__Services__api__RateLimits__LoginPerIp__PermitLimit=1000</c> for a load test, so a service's
    /// settings can be tuned per run without editing its appsettings.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceSettings(
        this IResourceBuilder<ProjectResource> service, IConfiguration configuration, string serviceName)
    {
        var settings = configuration.GetSection($"NexusChat:Services:{serviceName}").AsEnumerable(makePathsRelative: true);
        foreach (var (key, value) in settings.Where(setting => setting.Value is not null))
        {
            service.WithEnvironment(Env(key), value);
        }

        return service;
    }

    /// <summary>
    /// Routes the gateway to every replica through service discovery: YARP reads its clusters from
    /// configuration, so each replica becomes a destination <c>http://api-1</c>, … resolved by discovery.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewayRoutes(
        this IResourceBuilder<ProjectResource> gateway, params ReplicatedProject[] services)
    {
        foreach (var service in services)
        {
            foreach (var replica in service.Replicas)
            {
                gateway.WithReference(replica)
                    .WaitFor(replica)
                    .WithEnvironment($"ReverseProxy__Clusters__{service.Name}__Destinations__{replica.Resource.Name}__Address", $"http://{replica.Resource.Name}");
            }
        }

        return gateway;
    }

    private static string Env(string key) => ServiceSettingKeys.AsEnvironmentVariable(key);
}
