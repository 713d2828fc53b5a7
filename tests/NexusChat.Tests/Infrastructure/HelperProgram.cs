using System.Diagnostics;
using System.Reflection;

namespace NexusChat.Tests.Infrastructure;

/// <summary>
/// The small programs under tests/ that tests run as processes of their own (NexusChat.StoreWriter,
/// NexusChat.DyingSubscriber): built with the test project, found through the path it compiled in, and started on
/// the runtime that runs the tests, with their standard streams redirected.
/// </summary>
internal static class HelperProgram
{
    /// <param name="pathKey">The <see cref="AssemblyMetadataAttribute"/> key NexusChat.Tests.csproj gives its dll's path.</param>
    public static Process Start(string pathKey, params string[] arguments)
    {
        var path = PathOf(pathKey);
        // The host that runs the tests (set by the SDK), so the program runs on the same runtime.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Where the program's dll is (its folder also holds its appsettings.json).</summary>
    public static string PathOf(string pathKey)
    {
        var path = typeof(HelperProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == pathKey).Value!;
        Assert.True(File.Exists(path), $"{path} is missing: build NexusChat.sln (or the test project) first.");
        return path;
    }
}
