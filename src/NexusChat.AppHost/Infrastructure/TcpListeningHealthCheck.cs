using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>Healthy once something accepts TCP connections on the port (coturn has no other cheap probe).</summary>
public sealed class TcpListeningHealthCheck(string host, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException e)
        {
            return HealthCheckResult.Unhealthy($"nothing listens on {host}:{port}", e);
        }
    }
}
