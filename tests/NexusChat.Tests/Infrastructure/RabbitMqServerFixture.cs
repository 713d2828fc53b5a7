using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NexusChat.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ node of its own (node name, cookie, ports, data folder) on loopback, run from the server script as a
/// child process, that tests can stop and start again on the same data and port to simulate an outage.
/// </summary>
public sealed class RabbitMqServerFixture : IAsyncLifetime
{
    // Debian's /usr/sbin wrapper switches to the rabbitmq user, which fails for root without systemd.
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("nexuschat-rabbitmq-").FullName;
    private readonly int _distributionPort = FreePort.Next();
    private Process? _server;

    /// <summary>Why the tests that need the node cannot run here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(ServerScript)
        ? null
        : $"{ServerScript} is missing: install it with `apt-get install rabbitmq-server`.";

    public int AmqpPort { get; } = FreePort.Next();

    public string NodeName { get; } = $"test-{Guid.NewGuid().ToString("N")[..8]}@localhost";

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        PrepareNodeFiles();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await StartAsync(timeout.Token);
    }

    /// <summary>Settings like those of the Aspire client: automatic connection and topology recovery, retried every second.</summary>
    public ConnectionFactory CreateConnectionFactory(string clientName) => new()
    {
        HostName = "127.0.0.1",
        Port = AmqpPort,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };

    public Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken) =>
        CreateConnectionFactory(clientName).CreateConnectionAsync(cancellationToken);

    /// <summary>Starts the node (again, on the same data folder and port) and returns once it accepts AMQP connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            return;
        }

        var log = Path.Combine(_directory, "console.log");
        // Output goes to a file, not a pipe: epmd, which the node may spawn, outlives it and would hold a pipe open.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec \"$0\" >>\"$1\" 2>&1", ServerScript, log })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in NodeEnvironment())
        {
            start.Environment[name] = value;
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException($"{ServerScript} did not start.");
        await WaitUntilAcceptingAsync(log, cancellationToken);
    }

    /// <summary>
    /// Stops the node the way a broker restart does (SIGTERM: the script asks the node to shut down), killing what is
    /// left after a grace period, and waits until its port is free. Not SIGKILL: RabbitMQ 3.10.8 (Debian's) left a
    /// single-node quorum queue without a leader after restarting from a kill ("leader not known", forever;
    /// rabbitmq/rabbitmq-server#10070), which is a broker bug, not the outage these tests simulate.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        using (var terminate = Process.Start("kill", ["-TERM", _server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync(cancellationToken);
        }

        using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            grace.CancelAfter(StopGracePeriod);
            try
            {
                await _server.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not down within the grace period: killed below.
            }
        }

        await KillAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await KillAsync(timeout.Token);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A lingering child may still hold a file; the temp folder is reclaimed by the OS.
        }
    }

    /// <summary>Kills the node and everything it started (beam.smp included) and waits until its port is free.</summary>
    private async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync(cancellationToken);
        _server.Dispose();
        _server = null;
        // Children can linger as zombies here (PID 1 is no init): the port, not the pid, says the node is gone.
        while (await FreePort.AcceptsAsync(AmqpPort, cancellationToken))
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private void PrepareNodeFiles()
    {
        var cookie = Path.Combine(_directory, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
        if (!OperatingSystem.IsWindows())
        {
            // Erlang refuses a cookie file that others can read.
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{AmqpPort}
            loopback_users = none
            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
    }

    private IEnumerable<(string Name, string Value)> NodeEnvironment() =>
    [
        ("HOME", _directory),
        ("RABBITMQ_NODENAME", NodeName),
        ("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
        ("RABBITMQ_NODE_PORT", AmqpPort.ToString(CultureInfo.InvariantCulture)),
        ("RABBITMQ_DIST_PORT", _distributionPort.ToString(CultureInfo.InvariantCulture)),
        ("ERL_EPMD_ADDRESS", "127.0.0.1"),
        ("RABBITMQ_MNESIA_BASE", Path.Combine(_directory, "mnesia")),
        ("RABBITMQ_LOG_BASE", Path.Combine(_directory, "log")),
        ("RABBITMQ_PID_FILE", Path.Combine(_directory, "rabbitmq.pid")),
        ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(_directory, "enabled_plugins")),
        ("RABBITMQ_CONFIG_FILE", Path.Combine(_directory, "rabbitmq.conf")),
        ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
    ];

    private async Task WaitUntilAcceptingAsync(string log, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = AmqpPort,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
        };
        while (true)
        {
            if (_server is { HasExited: true } exited)
            {
                throw new InvalidOperationException(
                    $"{ServerScript} exited with {exited.ExitCode} before accepting connections:\n{await File.ReadAllTextAsync(log, cancellationToken)}");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return;
            }
            catch (BrokerUnreachableException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
