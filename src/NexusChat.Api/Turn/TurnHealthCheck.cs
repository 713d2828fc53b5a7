using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NexusChat.Api.Turn;

/// <summary>coturn accepts connections on its listening port (it serves TURN over TCP as well as UDP).</summary>
public sealed class TurnHealthCheck(IOptionsMonitor<TurnOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var turn = options.CurrentValue;
        if (string.IsNullOrEmpty(turn.Host) || turn.Port <= 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Turn:Host and Turn:Port are not configured");
        }

        using var client = new TcpClient();
        await client.ConnectAsync(turn.Host, turn.Port, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
