using System.Diagnostics;
using System.Globalization;
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

    /// <summary>Starts it and returns once its queue has its consumer.</summary>
    public static async Task<DyingSubscriberProcess> StartAsync(
        RabbitMqServerFixture rabbit, RedisServerFixture redis, string subscriber, CancellationToken cancellationToken)
    {
        var process = HelperProgram.Start("DyingSubscriberPath", rabbit.AmqpPort.ToString(CultureInfo.InvariantCulture),
            redis.Port.ToString(CultureInfo.InvariantCulture), subscriber);
        var started = new DyingSubscriberProcess(process);
        await started.ExpectLineAsync("consuming", cancellationToken);
        return started;
    }

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
