using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// One tests/NexusChat.DyingSubscriber process: a subscriber whose handler hangs, so that the test can kill it with
/// SIGKILL while a delivery is unacknowledged, as a crashed service would be.
/// </summary>
internal sealed class DyingSubscriberProcess : IDisposable
{
    private readonly Process _process;

    private DyingSubscriberProcess(Process process) => _process = process;

    /// <summary>Where the build put it (the test project builds it, see NexusChat.Tests.csproj).</summary>
    private static string ProgramPath { get; } = typeof(DyingSubscriberProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DyingSubscriberPath").Value!;

    /// <summary>Starts it and returns once its queue has its consumer.</summary>
    public static async Task<DyingSubscriberProcess> StartAsync(
        RabbitMqServerFixture rabbit, RedisServerFixture redis, string subscriber, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(ProgramPath), $"{ProgramPath} is missing: build NexusChat.sln (or the test project) first.");
        // The host that runs the tests (set by the SDK), so the subscriber runs on the same runtime.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     ProgramPath, rabbit.AmqpPort.ToString(CultureInfo.InvariantCulture),
                     redis.Port.ToString(CultureInfo.InvariantCulture), subscriber,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var started = new DyingSubscriberProcess(Process.Start(start)!);
        await started.ExpectLineAsync("consuming", cancellationToken);
        return started;
    }

    public int Id => _process.Id;

    /// <summary>Waits for the line the subscriber prints when its handler has taken <paramref name="eventId"/>.</summary>
    public Task WaitUntilHandlingAsync(Guid eventId, CancellationToken cancellationToken) =>
        ExpectLineAsync($"handling {eventId}", cancellationToken);

    /// <summary>SIGKILL: no shutdown, no AMQP close; the kernel drops its sockets.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task ExpectLineAsync(string expected, CancellationToken cancellationToken)
    {
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }

        Assert.Fail($"The subscriber exited before \"{expected}\": {await _process.StandardError.ReadToEndAsync(cancellationToken)}");
    }
}
