using NexusChat.Contracts.Hosting;
using System.Security.Cryptography;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Files and environment for a RabbitMQ node run directly from its script: own HOME (Erlang cookie),
/// node name, ports and folders, listening on loopback only. See shared/ENVIRONMENT.md for why each is needed.
/// </summary>
public sealed record RabbitMqNode(IReadOnlyList<(string Name, string Value)> Environment)
{
    /// <param name="metricsPort">Where the built-in Prometheus exporter (<c>rabbitmq_prometheus</c>) listens, on loopback.</param>
    public static RabbitMqNode Prepare(string directory, int amqpPort, int metricsPort)
    {
        var cookie = Path.Combine(directory, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
        if (!OperatingSystem.IsWindows())
        {
            // Erlang refuses a cookie file that others can read.
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        var config = Path.Combine(directory, "rabbitmq.conf");
        File.WriteAllText(config, $"""
            listeners.tcp.default = 127.0.0.1:{amqpPort}
            loopback_users = none
            prometheus.tcp.ip = 127.0.0.1
            prometheus.tcp.port = {metricsPort}
            """);
        var plugins = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(plugins, "[rabbitmq_prometheus].");

        // Node names are per run so a second AppHost (or a test fixture) on the same host can share epmd.
        var node = $"nexuschat-{Path.GetFileName(Path.GetDirectoryName(directory))}@localhost";
        return new RabbitMqNode(
        [
            ("HOME", directory),
            ("RABBITMQ_NODENAME", node),
            ("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
            ("RABBITMQ_NODE_PORT", amqpPort.ToString()),
            ("RABBITMQ_DIST_PORT", LoopbackPorts.Free().ToString()),
            ("ERL_EPMD_ADDRESS", "127.0.0.1"),
            ("RABBITMQ_MNESIA_BASE", Path.Combine(directory, "mnesia")),
            ("RABBITMQ_LOG_BASE", Path.Combine(directory, "log")),
            ("RABBITMQ_PID_FILE", Path.Combine(directory, "rabbitmq.pid")),
            ("RABBITMQ_ENABLED_PLUGINS_FILE", plugins),
            ("RABBITMQ_CONFIG_FILE", config),
            ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
        ]);
    }
}
