namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// What coturn may relay to and how much, as coturn options (config-file lines; <c>--</c> arguments in a container).
/// Any signed-in user gets TURN credentials, so without this the relay would be a way into the servers' own networks:
/// a TURN client names any peer address and coturn sends to it from inside. Private, link-local, carrier-grade NAT and
/// multicast peers are refused; loopback is refused by coturn unless <c>allow-loopback-peers</c>. Each mode opens only
/// what its relays need: a host-mode run relays on 127.0.0.1 (loopback allowed only by the
/// <c>NexusChat:Turn:AllowLoopbackPeers</c> setting, which the tests set). A container's relay address is on the
/// container network (Docker's 172.16.0.0/12), which stays denied too: opening it would open Redis, RabbitMQ and
/// MongoDB to every TURN client. So in container mode a relayed call goes to peers outside that network; two peers
/// that both need this one relay connect only once it runs with a public relay address (deployment, hosting.md).
/// TCP relays (RFC 6062) are off: calls need UDP only.
/// </summary>
public static class TurnPeerPolicy
{
    // Per-user and total allocation quotas: a mesh call of 6 needs 5 allocations per participant (×2 with ICE
    // restarts), so 12 leaves room; the total caps what one coturn will hold.
    private const int UserQuota = 12;
    private const int TotalQuota = 1200;

    private static readonly string[] PrivateRanges =
    [
        "0.0.0.0-0.255.255.255",
        "10.0.0.0-10.255.255.255",
        "100.64.0.0-100.127.255.255",
        "169.254.0.0-169.254.255.255",
        "172.16.0.0-172.31.255.255",
        "192.0.0.0-192.0.0.255",
        "192.168.0.0-192.168.255.255",
        "198.18.0.0-198.19.255.255",
        "240.0.0.0-255.255.255.255",
        "::ffff:0.0.0.0-::ffff:255.255.255.255",
        "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ];

    public static IEnumerable<string> Options(InfrastructureMode mode, bool allowLoopbackPeers)
    {
        yield return "no-multicast-peers";
        foreach (var range in PrivateRanges)
        {
            yield return $"denied-peer-ip={range}";
        }

        yield return "no-tcp-relay";
        if (allowLoopbackPeers)
        {
            yield return "allow-loopback-peers";
        }

        yield return $"user-quota={UserQuota}";
        yield return $"total-quota={TotalQuota}";
    }
}
