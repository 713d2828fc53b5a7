namespace NexusChat.AppHost.Infrastructure;

/// <summary>Finds the server binaries host mode runs, and names the package for those that are missing.</summary>
public static class HostBinaries
{
    // Debian's rabbitmq-server wrapper switches to the rabbitmq user, which fails for root without
    // systemd; the script it wraps runs the node as the calling user.
    private const string DebianRabbitMqScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static string? Find(string binary)
    {
        if (binary == "rabbitmq-server" && File.Exists(DebianRabbitMqScript))
        {
            return DebianRabbitMqScript;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, binary))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Resolves every binary or throws one exception naming all missing ones with their packages.</summary>
    public static IReadOnlyDictionary<string, string> Require(params (string Binary, string Package)[] servers)
    {
        var missing = servers.Where(s => Find(s.Binary) is null).ToList();
        if (missing.Count > 0)
        {
            throw new MissingHostServerException(missing);
        }

        return servers.ToDictionary(s => s.Binary, s => Find(s.Binary)!);
    }
}
