using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using NexusChat.Tests.Web;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// Crashes a resource's process the way an out-of-memory kill or a power cut would (SIGKILL, no shutdown), brings it
/// back, and finds the service process inside it for tests that watch what it holds.
/// </summary>
public static class ResourceProcesses
{
    private const string PidProperty = "executable.pid";

    public static void Kill(DistributedApplication app, string resourceName)
    {
        // DCP starts a project through `dotnet run`, whose child is the service itself: kill both.
        using var process = Process.GetProcessById(LauncherPid(app, resourceName));
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Starts a killed replica again and waits until it is healthy and back in the gateway's rotation of
    /// <paramref name="cluster"/> (later tests expect the full topology, through the gateway too).
    /// </summary>
    public static async Task RestartAsync(HostModeAppFixture fixture, string resourceName, string cluster)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.App.ResourceCommands.ExecuteCommandAsync(resourceName, KnownResourceCommands.StartCommand, timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, timeout.Token);
        using var management = fixture.CreateManagementClient();
        await ClusterHealth.WaitForAsync(management, cluster, "Healthy", TimeSpan.FromSeconds(30));
    }

    /// <summary>The service process itself: the descendant of the resource's `dotnet run` that is not a launcher.</summary>
    public static int ServicePid(DistributedApplication app, string resourceName)
    {
        var launcher = LauncherPid(app, resourceName);
        var service = Descendants(launcher).LastOrDefault(pid => !CommandLine(pid).Contains("run"));
        Assert.True(service > 0, $"{resourceName} (pid {launcher}) has no service process");
        return service;
    }

    /// <summary>Resident memory of a process in bytes (VmRSS), or null once it has ended.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the process has <paramref name="path"/> open now.</summary>
    public static bool HasOpen(int pid, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended, or a descriptor closed while we looked.
            return false;
        }
    }

    private static int LauncherPid(DistributedApplication app, string resourceName)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resourceName, out var state), $"{resourceName} has no state");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var children = Directory.Exists($"/proc/{pid}/task")
            ? Directory.EnumerateDirectories($"/proc/{pid}/task").SelectMany(task => ReadOrEmpty(Path.Combine(task, "children"))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse)
            : [];
        foreach (var child in children.Distinct().ToList())
        {
            found.Add(child);
            found.AddRange(Descendants(child));
        }

        return found;
    }

    private static string[] CommandLine(int pid) => ReadOrEmpty($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
