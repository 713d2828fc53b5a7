using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NexusChat.Contracts.Hosting;

/// <summary>
/// Free loopback ports for servers that the AppHost or a test fixture starts itself. Asking the OS for port 0 hands
/// out a port from the ephemeral range, which any outgoing connection may take before the server binds it (seen:
/// RabbitMQ failing with "distribution port already used"); ports are therefore picked below that range, checked,
/// and never handed out twice by one process.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10000;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();
    private static readonly int BelowEphemeral = EphemeralRangeStart();

    public static int Free()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(Lowest, BelowEphemeral);
            if (IsFree(port) && HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {BelowEphemeral}.");
    }

    /// <summary>
    /// Takes a port chosen earlier (one an earlier run persisted) when nothing listens on it now; false means the
    /// caller must pick another.
    /// </summary>
    public static bool TryClaim(int port)
    {
        if (!IsFree(port))
        {
            return false;
        }

        HandedOut[port] = true;
        return true;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux says where its range starts; elsewhere the IANA range (49152–65535) is the usual one.
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
                NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && start > Lowest + 1000
                ? start
                : 49152;
    }
}
