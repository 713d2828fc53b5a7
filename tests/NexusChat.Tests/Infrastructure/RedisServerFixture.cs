using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace NexusChat.Tests.Infrastructure;

/// <summary>A throwaway redis-server (no persistence) on a free loopback port, run as a child process.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string ServerBinary = "redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("nexuschat-redis-").FullName;
    private Process? _server;
    private ConnectionMultiplexer? _connection;

    /// <summary>Why the tests that need Redis cannot run here, or null when they can.</summary>
    public static string? MissingReason { get; } = FindOnPath(ServerBinary) is null
        ? $"{ServerBinary} is not on PATH: install it with `apt-get install redis-server`."
        : null;

    public int Port { get; } = FreePort.Next();

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException(MissingReason ?? "Redis has not started.");

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        var start = new ProcessStartInfo(FindOnPath(ServerBinary)!) { UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException($"{ServerBinary} did not start.");
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!await FreePort.AcceptsAsync(Port, timeout.Token))
        {
            Assert.False(_server.HasExited, $"{ServerBinary} exited with {(_server.HasExited ? _server.ExitCode : 0)}");
            await Task.Delay(50, timeout.Token);
        }

        _connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port}").WaitAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync(timeout.Token);
            _server.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string? FindOnPath(string binary) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, binary))
            .FirstOrDefault(File.Exists);
}
