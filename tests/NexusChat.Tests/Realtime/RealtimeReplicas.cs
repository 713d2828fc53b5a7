using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Web;

namespace NexusChat.Tests.Realtime;

/// <summary>The realtime replicas of the host-mode app: who holds how many connections, and bringing one back after a kill.</summary>
public static class RealtimeReplicas
{
    public static readonly string[] Names = ["realtime-1", "realtime-2", "realtime-3"];

    /// <summary>Connections each replica reports holding (its <c>nexuschat.realtime.connections</c> metric).</summary>
    public static async Task<Dictionary<string, long>> ConnectionsAsync(HostModeAppFixture fixture, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>();
        foreach (var name in Names)
        {
            using var http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(name, "http") };
            var scrape = await http.GetStringAsync("/metrics", cancellationToken);
            var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith("nexuschat_realtime_connections", StringComparison.Ordinal));
            counts[name] = line is null ? 0 : (long)double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>Starts a killed replica again, back in the gateway's rotation.</summary>
    public static Task RestartAsync(HostModeAppFixture fixture, string name) => ResourceProcesses.RestartAsync(fixture, name, "realtime");
}
