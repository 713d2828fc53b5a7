using System.Diagnostics;
using System.Globalization;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// One more api replica of the shared host-mode app, started by the test with some settings changed (as an operator
/// restarts a replica after changing its configuration): the same binary and the same environment as
/// <c>api-1</c> (its Redis, RabbitMQ and store), its own port and instance id, and the overrides on top.
/// </summary>
internal sealed class ReconfiguredApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ReconfiguredApiProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static async Task<ReconfiguredApiProcess> StartAsync(
        HostModeAppFixture fixture, string instanceId, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var template = ResourceProcesses.ServicePid(fixture.App, "api-1");
        var binary = File.ReadAllText($"/proc/{template}/cmdline").Split('\0')[0];
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Its content root (appsettings.json) is where `dotnet run` started it.
            WorkingDirectory = new DirectoryInfo($"/proc/{template}/cwd").LinkTarget ?? Path.GetDirectoryName(binary)!,
        };
        start.Environment.Clear();
        foreach (var variable in File.ReadAllText($"/proc/{template}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            start.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        var port = LoopbackPorts.Free();
        foreach (var name in start.Environment.Keys.Where(k => k.EndsWith("HTTP_PORTS", StringComparison.Ordinal) || k.EndsWith("HTTPS_PORTS", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment[ServiceSettingKeys.AsEnvironmentVariable(ServiceSettingKeys.InstanceId)] = instanceId;
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start)!;
        // Drained so a chatty log never blocks the process on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new ReconfiguredApiProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        await started.WaitUntilAliveAsync(cancellationToken);
        return started;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAliveAsync(CancellationToken cancellationToken)
    {
        using var http = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"the reconfigured api exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var alive = await http.GetAsync("/alive", cancellationToken);
                if (alive.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the reconfigured api did not answer /alive within 60 s");
            await Task.Delay(200, cancellationToken);
        }
    }
}
