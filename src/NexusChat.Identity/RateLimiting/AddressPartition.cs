using System.Net;
using System.Net.Sockets;

namespace NexusChat.Identity.RateLimiting;

/// <summary>
/// The key a per-address limit counts under. An IPv4 client is its address; an IPv6 client is its /64, since a
/// single subscriber usually gets a whole /64 and picks any of its 2^64 addresses at will (privacy extensions rotate
/// them anyway), so keying on the full address would hand every client an unlimited supply of fresh allowances.
/// </summary>
public static class AddressPartition
{
    private const int PrefixBytes = 8;

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; they are IPv4 clients.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[PrefixBytes..].Clear();
        // A new address drops the scope id (%eth0), which names the receiving interface, not the client.
        return $"{new IPAddress(bytes)}/64";
    }
}
