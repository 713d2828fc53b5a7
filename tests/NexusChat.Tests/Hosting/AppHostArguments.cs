namespace NexusChat.Tests.Hosting;

/// <summary>Command-line settings that make an AppHost under test independent of the developer's own run.</summary>
public static class AppHostArguments
{
    public static string[] For(string infrastructure, string dataDirectory) =>
    [
        $"--NexusChat:Infrastructure={infrastructure}",
        $"--NexusChat:DataDirectory={dataDirectory}",
        // DCP cleans up after the test host exits; waiting for it would add ≈15 s per AppHost.
        "--DcpPublisher:WaitForResourceCleanup=false",
    ];
}
