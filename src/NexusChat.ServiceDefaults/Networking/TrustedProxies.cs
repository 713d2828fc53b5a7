using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace NexusChat.ServiceDefaults.Networking;

/// <summary>
/// Which peers may tell a service the client's address (<c>X-Forwarded-For</c>) and scheme
/// (<c>X-Forwarded-Proto</c>): per-address rate limits key on the result, so a peer that is not trusted must not be
/// able to choose it. Configured per service in the section <c>NexusChat:TrustedProxies</c>:
/// <c>KnownProxies</c> (addresses, e.g. <c>10.0.0.7</c>) and <c>KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/16</c>).
/// </summary>
public static class TrustedProxies
{
    public const string Section = "NexusChat:TrustedProxies";

    /// <summary>
    /// Takes the client's address from the forwarded headers when the connection comes from a trusted proxy.
    /// <paramref name="trustLoopback"/>: the services behind the gateway trust loopback (the gateway in a local run)
    /// besides the configured proxies; the gateway does not, since anything on the host (and the DCP proxy in front of
    /// it in a local run) reaches it over loopback, and trusts only what is configured (a load balancer in front of it).
    /// </summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app, bool trustLoopback)
    {
        var options = Options(app.Configuration.GetSection(Section), trustLoopback);
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders(options);
        }

        return app;
    }

    public static ForwardedHeadersOptions Options(IConfiguration section, bool trustLoopback)
    {
        // The defaults trust loopback (127.0.0.0/8 and ::1).
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        if (!trustLoopback)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
        }

        foreach (var proxy in Values(section, "KnownProxies"))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in Values(section, "KnownNetworks"))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/16)."));
        }

        return options;
    }

    private static IEnumerable<string> Values(IConfiguration section, string key) =>
        section.GetSection(key).GetChildren().Select(child => child.Value).OfType<string>().Where(v => v.Length > 0);
}
