using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace NexusChat.Tests.Hosting;

/// <summary>Crashes a resource's process the way an out-of-memory kill or a power cut would: SIGKILL, no shutdown.</summary>
public static class ResourceProcesses
{
    private const string PidProperty = "executable.pid";

    public static void Kill(DistributedApplication app, string resourceName)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resourceName, out var state), $"{resourceName} has no state");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value;
        Assert.NotNull(pid);

        // DCP starts a project through `dotnet run`, whose child is the service itself: kill both.
        using var process = Process.GetProcessById(Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture));
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }
}
