namespace NexusChat.AppHost.Infrastructure;

/// <summary>The per-run folder under the data root that holds the host-mode servers' data and logs.</summary>
public static class RunDirectories
{
    private const int RunsKept = 5;

    public static void Prepare(InfrastructureSettings settings)
    {
        Directory.CreateDirectory(settings.RunDirectory);

        // Old runs only hold throw-away server state; keep a few for post-mortems, drop the rest.
        var runs = new DirectoryInfo(Path.GetDirectoryName(settings.RunDirectory)!)
            .GetDirectories()
            .OrderByDescending(d => d.Name, StringComparer.Ordinal)
            .Skip(RunsKept);
        foreach (var run in runs)
        {
            try
            {
                run.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Another AppHost may still use it; it goes next time.
            }
        }
    }

    public static string For(InfrastructureSettings settings, string resource)
    {
        var directory = Path.Combine(settings.RunDirectory, resource);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
