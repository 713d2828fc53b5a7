using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// The real NexusChat.Worker in a process of its own, wired to the test's RabbitMQ node, Redis and embedded store by
/// command-line settings as the AppHost wires it by environment, so a test can run several and SIGKILL one.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const string PathKey = "WorkerPath";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private WorkerProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        Address = address;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        // Drained all along: a full pipe would block the worker's logging, and with it the worker.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What it logged last, for a failure message.</summary>
    public string LastLines => string.Join('\n', _lastLines);

    public static WorkerProcess Start(
        string name, RabbitMqServerFixture rabbit, RedisServerFixture redis, string storePath, string filesDirectory, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var path = HelperProgram.PathOf(PathKey);
        string[] arguments =
        [
            // Its own folder holds its appsettings.json, which the AppHost's runs read too.
            $"--contentRoot={Path.GetDirectoryName(path)}",
            $"--urls={address}",
            $"--ConnectionStrings:{ResourceNames.Redis}=127.0.0.1:{redis.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--ConnectionStrings:{ResourceNames.Messaging}=amqp://guest:guest@127.0.0.1:{rabbit.AmqpPort.ToString(CultureInfo.InvariantCulture)}",
            $"--{ServiceSettingKeys.InstanceId}={name}",
            $"--{ServiceSettingKeys.StoreProvider}={ServiceSettingKeys.EmbeddedProvider}",
            $"--{ServiceSettingKeys.EmbeddedStorePath}={storePath}",
            $"--{ServiceSettingKeys.FilesDirectory}={filesDirectory}",
            .. settings,
        ];
        return new WorkerProcess(HelperProgram.Start(PathKey, arguments), name, address);
    }

    /// <summary>Waits until its readiness check passes (store, Redis and RabbitMQ reached).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(_process.HasExited, $"{Name} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{LastLines}");
            try
            {
                using var response = await http.GetAsync("/health");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, timeout, () => $"{Name} was not healthy:\n{LastLines}");
    }

    /// <summary>SIGKILL: no shutdown, no lease given back, no confirms marked; the kernel drops its sockets.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > 60)
        {
            _lastLines.TryDequeue(out _);
        }
    }
}
