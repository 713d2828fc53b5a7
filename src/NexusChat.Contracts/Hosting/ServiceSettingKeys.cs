namespace NexusChat.Contracts.Hosting;

/// <summary>
/// Configuration keys the AppHost sets on the services (as environment variables) and the services read.
/// </summary>
public static class ServiceSettingKeys
{
    /// <summary>Which replica this process is, e.g. <c>api-2</c>; shown by <c>/api/status</c> and in telemetry.</summary>
    public const string InstanceId = "NexusChat:InstanceId";

    public const string StoreProvider = "NexusChat:Store:Provider";
    public const string EmbeddedStorePath = "NexusChat:Store:EmbeddedPath";
    public const string MongoProvider = "mongo";

    /// <summary>
    /// A folder every api replica on the host shares: uploads in progress are staged there, and with the embedded
    /// store completed files are kept there too (with MongoDB they go to GridFS).
    /// </summary>
    public const string FilesDirectory = "NexusChat:Files:Directory";
    public const string EmbeddedProvider = "embedded";

    /// <summary>
    /// The port on which a service reachable from outside (the gateway) serves its detailed <c>/health</c> and
    /// <c>/metrics</c>; the AppHost declares it as an endpoint that is never exposed.
    /// </summary>
    public const string ManagementPort = "NexusChat:ManagementPort";

    /// <summary>The name of that endpoint on the resource.</summary>
    public const string ManagementEndpoint = "management";

    /// <summary>
    /// The secret an operator (or the AppHost's dashboard commands) sends in <see cref="OperatorKeyHeader"/> to use the
    /// worker's dead-letter endpoints; without it configured, those endpoints refuse every request.
    /// </summary>
    public const string OperatorKey = "NexusChat:OperatorKey";

    public const string OperatorKeyHeader = "X-Operator-Key";

    /// <summary>The name under which the store appears among a service's dependencies.</summary>
    public const string StoreDependency = "store";

    /// <summary>How a dependency runs (container, host or embedded), for status reports.</summary>
    public static string Mode(string dependency) => $"NexusChat:Modes:{dependency}";

    /// <summary>The environment variable that sets <paramref name="key"/>.</summary>
    public static string AsEnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
