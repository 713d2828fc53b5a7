using System.Diagnostics;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Runs <see cref="ReferenceServer"/> as a child process of this executable, so its CPU and memory are measured
/// apart from the load generator's, as NexusChat's servers are.
/// </summary>
public sealed class ReferenceServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ReferenceServerProcess(Process process, Uri hubUrl)
    {
        _process = process;
        HubUrl = hubUrl;
    }

    public Uri HubUrl { get; }

    public int Pid => _process.Id;

    public static async Task<ReferenceServerProcess> StartAsync(int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Started as `dotnet NexusChat.Bench.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(ReferenceServer).Assembly.Location);
        }

        foreach (var argument in new[] { "reference-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Server GC, as the Web SDK gives NexusChat's services (this console project defaults to workstation GC).
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the reference server");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReferenceServer.ReadyLine, StringComparison.Ordinal))
            {
                return new ReferenceServerProcess(process, new Uri($"http://localhost:{port}{ReferenceServer.Path}"));
            }
        }

        // Its output ended: it is exiting (e.g. the port is taken); wait so its exit code can be reported.
        await process.WaitForExitAsync(cancellationToken);
        throw new InvalidOperationException($"the reference server exited with {process.ExitCode} before listening (is port {port} taken? --reference-port)");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
