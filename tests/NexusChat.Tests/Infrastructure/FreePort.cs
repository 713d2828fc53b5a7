using System.Net;
using System.Net.Sockets;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port for a server a fixture starts (see <see cref="LoopbackPorts"/> for why not port 0).</summary>
    public static int Next() => LoopbackPorts.Free();

    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
