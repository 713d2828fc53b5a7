namespace NexusChat.Contracts.Hosting;

/// <summary>
/// Names of the distributed application's resources. The AppHost declares them, the services look up
/// connection strings and discovery entries by them, and the tests find resources by them.
/// </summary>
public static class ResourceNames
{
    public const string Mongo = "mongo";
    public const string Redis = "redis";
    public const string Messaging = "messaging";
    public const string Turn = "turn";
    public const string Api = "api";
    public const string Realtime = "realtime";
    public const string Worker = "worker";
    public const string Web = "web";

    /// <summary>Replica <paramref name="index"/> (1-based) of a service that runs as several resources.</summary>
    public static string Replica(string service, int index) => $"{service}-{index}";
}
