using System.Net;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// What coturn may relay to and how much, as coturn options (config-file lines; <c>--</c> arguments in a container).
/// Any signed-in user gets TURN credentials, so without this the relay would be a way into the servers' own networks:
/// a TURN client names any peer address and coturn sends to it from inside. Private, link-local, carrier-grade NAT and
/// multicast peers are refused; loopback is refused by coturn unless <c>allow-loopback-peers</c>. The same IPv4 ranges
/// (loopback included) are refused in the IPv6 forms that reach them through a translator or tunnel: NAT64
/// (64:ff9b::/96, and the local-use 64:ff9b:1::/48 whole), 6to4 (2002::/16) and IPv4-mapped (::ffff:0:0/96) addresses,
/// which coturn would otherwise judge as plain public IPv6. (Not the deprecated IPv4-compatible ::/96: coturn 4.6
/// matches plain IPv4 peers against that range, so denying it denies every IPv4 peer.) Each mode opens only
/// what its relays need: a host-mode run relays on 127.0.0.1 (loopback allowed only by the
/// <c>NexusChat:Turn:AllowLoopbackPeers</c> setting, which the tests set). A container's relay address is on the
/// container network (Docker's 172.16.0.0/12), which stays denied too: opening it would open Redis, RabbitMQ and
/// MongoDB to every TURN client. So in container mode a relayed call goes to peers outside that network; two peers
/// that both need this one relay connect only once it runs with a public relay address (deployment, hosting.md).
/// TCP relays (RFC 6062) are off: calls need UDP only.
/// </summary>
public static class TurnPeerPolicy
{
    // Per-user allocation quota: a mesh call of 6 needs 5 allocations per participant (×2 with ICE restarts), so 12
    // leaves room.
    private const int UserQuota = 12;

    private static readonly (string First, string Last)[] PrivateIPv4 =
    [
        ("0.0.0.0", "0.255.255.255"),
        ("10.0.0.0", "10.255.255.255"),
        ("100.64.0.0", "100.127.255.255"),
        ("169.254.0.0", "169.254.255.255"),
        ("172.16.0.0", "172.31.255.255"),
        ("192.0.0.0", "192.0.0.255"),
        ("192.168.0.0", "192.168.255.255"),
        ("198.18.0.0", "198.19.255.255"),
        ("240.0.0.0", "255.255.255.255"),
    ];

    // Loopback itself is coturn's own rule (allow-loopback-peers), but its translated forms are not loopback to coturn.
    private static readonly (string First, string Last) LoopbackIPv4 = ("127.0.0.0", "127.255.255.255");

    private static readonly string[] PrivateIPv6 =
    [
        "::ffff:0.0.0.0-::ffff:255.255.255.255",
        "64:ff9b:1::-64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
        "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ];

    /// <summary>Every denied peer range, as coturn's <c>denied-peer-ip</c> takes it (<c>first-last</c>).</summary>
    public static IEnumerable<string> DeniedRanges()
    {
        foreach (var (first, last) in PrivateIPv4)
        {
            yield return $"{first}-{last}";
        }

        foreach (var (first, last) in PrivateIPv4.Append(LoopbackIPv4))
        {
            yield return $"64:ff9b::{Groups(first)}-64:ff9b::{Groups(last)}";
            yield return $"2002:{Groups(first)}::-2002:{Groups(last)}:ffff:ffff:ffff:ffff:ffff";
        }

        foreach (var range in PrivateIPv6)
        {
            yield return range;
        }
    }

    public static IEnumerable<string> Options(bool allowLoopbackPeers, int totalQuota)
    {
        yield return "no-multicast-peers";
        foreach (var range in DeniedRanges())
        {
            yield return $"denied-peer-ip={range}";
        }

        yield return "no-tcp-relay";
        if (allowLoopbackPeers)
        {
            yield return "allow-loopback-peers";
        }

        yield return $"user-quota={UserQuota}";
        yield return $"total-quota={totalQuota}";
    }

    // An IPv4 address as the two 16-bit groups that embed it in an IPv6 address (10.1.2.3 -> a01:203).
    private static string Groups(string ipv4)
    {
        var bytes = IPAddress.Parse(ipv4).GetAddressBytes();
        return $"{(bytes[0] << 8) | bytes[1]:x}:{(bytes[2] << 8) | bytes[3]:x}";
    }
}
