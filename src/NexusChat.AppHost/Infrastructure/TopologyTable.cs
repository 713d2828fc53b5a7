using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Prints one table once every address is allocated: each resource, how it runs and where it listens, then the
/// web and dashboard URLs. The dashboard shows the same, but a terminal user should not need it to start.
/// </summary>
public static class TopologyTable
{
    public static void PrintTopologyOnStart(this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure)
    {
        if (infrastructure.Settings.IsPublishMode)
        {
            return;
        }

        var allocated = new ConcurrentDictionary<string, IResource>();
        var printed = 0;
        builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>((allocation, _) =>
        {
            allocated[allocation.Resource.Name] = allocation.Resource;
            var withEndpoints = builder.Resources.OfType<IResourceWithEndpoints>()
                .Count(r => r.Annotations.OfType<EndpointAnnotation>().Any());
            if (allocated.Count >= withEndpoints && Interlocked.Exchange(ref printed, 1) == 0)
            {
                Print(builder, infrastructure);
            }

            return Task.CompletedTask;
        });
    }

    private static void Print(IDistributedApplicationBuilder builder, InfrastructureResources infrastructure)
    {
        var rows = builder.Resources
            .Where(r => r is not ParameterResource and not IResourceWithParent)
            .Select(r => (r.Name, Mode: ModeOf(r, infrastructure), Address: AddressOf(r)))
            .ToList();
        if (infrastructure.Mongo is null)
        {
            rows.Insert(0, (ServiceSettingKeys.StoreDependency, "embedded", infrastructure.EmbeddedStorePath));
        }

        var nameWidth = rows.Max(r => r.Name.Length) + 2;
        var modeWidth = rows.Max(r => r.Mode.Length) + 2;
        var table = new System.Text.StringBuilder().AppendLine()
            .AppendLine($"{"resource".PadRight(nameWidth)}{"mode".PadRight(modeWidth)}address");
        foreach (var (name, mode, address) in rows)
        {
            table.AppendLine($"{name.PadRight(nameWidth)}{mode.PadRight(modeWidth)}{address}");
        }

        table.AppendLine()
            .AppendLine($"web:       http://localhost:{infrastructure.Settings.WebPort}")
            .AppendLine($"dashboard: {builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "disabled"}");
        table.AppendLine(infrastructure.Settings.HighAvailability
            ? $"topology:  ha: Redis primary, replica and {RedisFailover.Sentinels} Sentinels (NexusChat:Topology=light for one Redis)"
            : "topology:  light: one Redis, no failover (NexusChat:Topology=ha for a primary, a replica and Sentinels)");
        if (infrastructure.Mongo is null)
        {
            table.AppendLine("store:     no container engine and no mongod on PATH, so every service uses the embedded SQLite store.");
        }

        Console.WriteLine(table.ToString());
    }

    private static string ModeOf(IResource resource, InfrastructureResources infrastructure) => resource switch
    {
        ProjectResource => "project",
        _ when resource.Name == "aspire-dashboard" => "dashboard",
        ContainerResource => "container",
        ExecutableResource => "host",
        _ when resource.Name is ResourceNames.Mongo or ResourceNames.Redis => infrastructure.Settings.Mode.ToString().ToLowerInvariant(),
        _ => "-",
    };

    private static string AddressOf(IResource resource) => resource switch
    {
        IResourceWithEndpoints withEndpoints => string.Join(' ', withEndpoints.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.AllocatedEndpoint is not null)
            .Select(e => e.AllocatedEndpoint!.UriString)),
        IResourceWithConnectionString when resource.Name == ResourceNames.Mongo => $"every member, replicaSet={MongoReplicaSet.SetName}",
        _ => string.Empty,
    };
}
