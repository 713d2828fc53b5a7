using System.Net;
using System.Net.Sockets;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// The name container-mode MongoDB members advertise, which the driver on the host must resolve too. Docker Desktop
/// resolves it on the host; Linux Docker Engine and Podman do not, and then the services could never reach the set
/// (every member "unreachable", nothing starts). The AppHost checks before it starts anything and stops with the fix.
/// </summary>
public static class ContainerHostAlias
{
    public const string Name = "host.docker.internal";

    /// <summary>Why container mode cannot work here and what to do, or null when the host resolves the name.</summary>
    public static string? Problem(Func<string, bool> resolves) => resolves(Name)
        ? null
        : $"Container mode: the MongoDB replica-set members advertise {Name}, which this machine does not resolve "
            + "(Linux Docker Engine and Podman do not add it; Docker Desktop does)." + Environment.NewLine
            + $"Fix: echo '127.0.0.1 {Name}' | sudo tee -a /etc/hosts" + Environment.NewLine
            + "or run the servers as local processes instead: dotnet run --project src/NexusChat.AppHost -- --NexusChat:Infrastructure=host";

    public static bool Resolves(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).Length > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
