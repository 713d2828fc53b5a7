using System.Net;
using NexusChat.Identity.RateLimiting;

namespace NexusChat.Tests.Identity;

public sealed class AddressPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")] // an IPv4 client on a dual-stack socket
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%2", "fe80::/64")] // the scope id names our interface, not the client
    [InlineData("::1", "::/64")]
    public void AnAddressIsKeyedOnItselfForIpv4AndOnItsSlash64ForIpv6(string address, string key) =>
        Assert.Equal(key, AddressPartition.KeyOf(IPAddress.Parse(address)));

    [Fact]
    public void EveryAddressOfOneSlash64SharesOneKey()
    {
        var keys = Enumerable.Range(0, 50)
            .Select(_ => AddressPartition.KeyOf(new IPAddress([0x20, 0x01, 0x0d, 0xb8, 0, 7, 0, 9, .. RandomBytes(8)])))
            .Distinct();

        Assert.Equal(["2001:db8:7:9::/64"], keys);
    }

    [Fact]
    public void NeighbouringSlash64sAreKeptApart() =>
        Assert.NotEqual(
            AddressPartition.KeyOf(IPAddress.Parse("2001:db8:0:1::1")),
            AddressPartition.KeyOf(IPAddress.Parse("2001:db8:0:2::1")));

    [Fact]
    public void NoAddressIsOneKey() => Assert.Equal("unknown", AddressPartition.KeyOf(null));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
