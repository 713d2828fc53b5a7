using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Decisions made once when the AppHost starts: the infrastructure mode, the ports of the servers it runs
/// and where their data lives. Every choice can be forced through configuration
/// (<c>NexusChat:Infrastructure</c> = auto | container | host, <c>NexusChat:DataDirectory</c>, <c>NexusChat:WebPort</c>,
/// <c>NexusChat:Topology</c> = ha | light).
/// </summary>
/// <param name="HighAvailability">
/// The default: Redis as a primary, a replica and three Sentinels (<see cref="RedisFailover"/>). <c>light</c> runs one
/// Redis server, for machines that cannot spare the memory of the extra processes (docs/hosting.md has the figures).
/// </param>
public sealed record InfrastructureSettings(
    InfrastructureMode Mode,
    bool IsPublishMode,
    string DataRoot,
    string RunDirectory,
    int WebPort,
    bool AllowLoopbackTurnPeers,
    bool HighAvailability)
{
    public const string ConfigurationSection = "NexusChat";

    public static InfrastructureSettings Resolve(IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection(ConfigurationSection);
        var isPublish = builder.ExecutionContext.IsPublishMode;
        var mode = (configuration["Infrastructure"] ?? "auto").ToLowerInvariant() switch
        {
            "container" => InfrastructureMode.Container,
            "host" => InfrastructureMode.Host,
            // A published app always describes containers; only a local run can fall back to processes.
            "auto" => isPublish || ContainerRuntimeAnswers() ? InfrastructureMode.Container : InfrastructureMode.Host,
            var other => throw new InvalidOperationException(
                $"NexusChat:Infrastructure is '{other}'; expected auto, container or host."),
        };

        var dataRoot = Path.GetFullPath(configuration["DataDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, ".data"));
        var runDirectory = Path.Combine(dataRoot, "runs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");

        return new InfrastructureSettings(
            mode,
            isPublish,
            dataRoot,
            runDirectory,
            configuration.GetValue("WebPort", 5080),
            configuration.GetValue("Turn:AllowLoopbackPeers", false),
            (configuration["Topology"] ?? "ha").ToLowerInvariant() switch
            {
                "ha" => true,
                "light" => false,
                var other => throw new InvalidOperationException($"NexusChat:Topology is '{other}'; expected ha or light."),
            });
    }

    // `docker info` exits non-zero in ≈15 ms when only the client is installed (no engine), so the
    // probe costs nothing on machines without containers.
    private static bool ContainerRuntimeAnswers() => Answers("docker") || Answers("podman");

    private static bool Answers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
