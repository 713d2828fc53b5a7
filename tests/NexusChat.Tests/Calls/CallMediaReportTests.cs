using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using static NexusChat.Tests.Calls.CallParty;

namespace NexusChat.Tests.Calls;

/// <summary>Relayed vs direct media as participants report it (<c>ReportCallMedia</c>), counted once per participant and call.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class CallMediaReportTests(HostModeAppFixture fixture)
{
    private const string Connections = "nexuschat_calls_media_connections_total";
    private const string SetupTimes = "nexuschat_calls_media_setup_time_seconds_count";

    [Fact]
    public async Task EachParticipantsFirstReportFromTheirSeatIsCountedByPathAndEverythingElseIsRefusedOrIgnored()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var direct = await CallSignalingTests.DirectAsync(world, world.Member, world.Member2);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var ben = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);
        await using var benPhone = await ConnectAsync(fixture, world.Member2, "realtime-3", timeout.Token);
        await using var outsider = await ConnectAsync(fixture, world.Outsider, "realtime-3", timeout.Token);
        var call = await ana.StartAsync(direct.Id, CallKinds.Video);
        await ben.JoinAsync(call.Id);
        var before = await ScrapeAsync(timeout.Token);

        Assert.Equal(("validation", "path"), Of(await FailureOf(() => Report(ana, call.Id, "carrier-pigeon", 900))));
        Assert.Equal(("validation", "setupMilliseconds"), Of(await FailureOf(() => Report(ana, call.Id, CallMediaPaths.Relayed, -1))));
        Assert.Equal(("validation", "setupMilliseconds"),
            Of(await FailureOf(() => Report(ana, call.Id, CallMediaPaths.Relayed, CallMediaLimits.MaxSetupMilliseconds + 1))));
        // Nobody but a participant, from the connection the call records, is believed.
        Assert.Equal(HubErrorCodes.Forbidden, (await FailureOf(() => Report(outsider, call.Id, CallMediaPaths.Direct, 900))).Code);
        Assert.Equal(HubErrorCodes.Forbidden, (await FailureOf(() => Report(benPhone, call.Id, CallMediaPaths.Direct, 900))).Code);
        Assert.Equal(HubErrorCodes.Forbidden, (await FailureOf(() => Report(ana, "no-such-call", CallMediaPaths.Direct, 900))).Code);
        await Report(ana, call.Id, CallMediaPaths.Relayed, 2_400);
        await Report(ben, call.Id, CallMediaPaths.Direct, CallMediaLimits.MaxSetupMilliseconds);
        // Repeats, whatever they say, count nothing: a client cannot inflate the figures.
        for (var i = 0; i < 5; i++)
        {
            await Report(ana, call.Id, CallMediaPaths.Relayed, 1_000);
            await Report(ben, call.Id, CallMediaPaths.Relayed, 0);
        }

        (string Metric, string Path, double Delta)[] expected =
        [
            (Connections, CallMediaPaths.Relayed, 1), (Connections, CallMediaPaths.Direct, 1),
            (SetupTimes, CallMediaPaths.Relayed, 1), (SetupTimes, CallMediaPaths.Direct, 1),
        ];
        // The exporter caches a scrape briefly: look again until the counts are in (and a little beyond, for extras).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var after = await ScrapeAsync(timeout.Token);
        while (expected.Any(e => Value(after, e.Metric, e.Path) < Value(before, e.Metric, e.Path) + e.Delta) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, timeout.Token);
            after = await ScrapeAsync(timeout.Token);
        }

        Assert.Equal(
            expected.Select(e => $"{e.Metric}{{{e.Path}}} +{e.Delta}"),
            expected.Select(e => $"{e.Metric}{{{e.Path}}} +{Value(after, e.Metric, e.Path) - Value(before, e.Metric, e.Path)}"));
    }

    private static Task Report(CallParty party, string callId, string path, int setupMilliseconds) =>
        party.Connection.InvokeAsync(nameof(IChatHub.ReportCallMedia), callId, path, setupMilliseconds);

    private static (string, string?) Of(HubError error) => (error.Code, error.Field);

    // A report counts on the replica that took it: the figures are the sum over the replicas.
    private async Task<List<string>> ScrapeAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var name in RealtimeReplicas.Names)
        {
            using var http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(name, "http") };
            lines.AddRange((await http.GetStringAsync("/metrics", cancellationToken)).Split('\n'));
        }

        return lines;
    }

    private static double Value(List<string> scrape, string metric, string path) => scrape
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains($"path=\"{path}\"", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));
}
