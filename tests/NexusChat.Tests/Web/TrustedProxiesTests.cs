using System.Net;
using Microsoft.Extensions.Configuration;
using NexusChat.ServiceDefaults.Networking;

namespace NexusChat.Tests.Web;

public sealed class TrustedProxiesTests
{
    [Fact]
    public void TheGatewayTrustsOnlyTheConfiguredProxies()
    {
        var options = TrustedProxies.Options(Section(("KnownProxies:0", "10.0.0.7"), ("KnownNetworks:0", "192.168.0.0/16")), trustLoopback: false);

        Assert.Equal([IPAddress.Parse("10.0.0.7")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.0.0/16")], options.KnownIPNetworks);
    }

    [Fact]
    public void WithNothingConfiguredTheGatewayTrustsNobody()
    {
        var options = TrustedProxies.Options(Section(), trustLoopback: false);

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Fact]
    public void AServiceBehindTheGatewayTrustsLoopbackAndTheConfiguredNetworks()
    {
        var options = TrustedProxies.Options(Section(("KnownNetworks:0", "10.1.0.0/16")), trustLoopback: true);

        Assert.Contains(System.Net.IPNetwork.Parse("10.1.0.0/16"), options.KnownIPNetworks);
        Assert.Contains(options.KnownIPNetworks, network => network.Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("KnownProxies:0", "gateway.internal")]
    [InlineData("KnownNetworks:0", "10.0.0.0")]
    public void AMalformedEntryStopsTheServiceWithTheSettingItsName(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Options(Section((key, value)), trustLoopback: false));

        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"{TrustedProxies.Section}:{s.Key}", s.Value)))
            .Build()
            .GetSection(TrustedProxies.Section);
}
