namespace NexusChat.AppHost.Infrastructure;

/// <summary>The infrastructure the services depend on, however it is run.</summary>
/// <param name="Mongo">The replica set, or null when the services use the embedded store.</param>
public sealed record InfrastructureResources(
    InfrastructureSettings Settings,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithEndpoints> Turn,
    IResourceBuilder<ParameterResource> TurnSecret,
    IResourceBuilder<IResourceWithConnectionString>? Mongo)
{
    /// <summary>Where the embedded store keeps its database; shared by every replica on this host.</summary>
    public string EmbeddedStorePath => Path.Combine(Settings.DataRoot, "nexuschat.db");

    /// <summary>Where uploads are staged (and, with the embedded store, files kept); shared by every replica on this host.</summary>
    public string FilesDirectory => Path.Combine(Settings.DataRoot, "files");

    /// <summary>The mode a dependency runs in, as the services report it: container, host or embedded.</summary>
    public string ModeOf(string dependency) => dependency == "store" && Mongo is null
        ? "embedded"
        : Settings.Mode.ToString().ToLowerInvariant();
}
