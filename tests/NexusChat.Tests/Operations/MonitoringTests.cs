using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.Browser;
using NexusChat.Tests.EndToEnd;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Operations;

/// <summary>
/// Prometheus and Alertmanager in the running app: every process is scraped, every expression of the alert rules and
/// of the Grafana dashboard reads series that exist, and a real alert (a replica killed) reaches the operators'
/// channel as a message, then its resolution.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class MonitoringTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task EveryReplicaTheWorkerTheGatewayAndTheBrokerAreScraped()
    {
        using var prometheus = new PrometheusClient(fixture);
        IReadOnlyList<PrometheusClient.Target> targets = [];
        await Eventually.TrueAsync(async () =>
        {
            targets = await prometheus.TargetsAsync();
            return targets.Count(t => t.Job != "prometheus") >= 10 && targets.All(t => t.Health == "up");
        }, Timeout, () => "every target up: " + string.Join("; ", targets.Select(t => $"{t.Job}/{t.Replica} {t.Health} {t.LastError}")));

        Assert.Equal(3, targets.Count(t => t.Job == ResourceNames.Api));
        Assert.Equal(3, targets.Count(t => t.Job == ResourceNames.Realtime));
        Assert.Equal(2, targets.Count(t => t.Job == ResourceNames.Worker));
        Assert.Contains(targets, t => t.Job == ResourceNames.Web);
        Assert.Contains(targets, t => t.Job == ResourceNames.Messaging);
    }

    [Fact]
    public async Task EveryExpressionOfTheAlertRulesAndTheDashboardParsesAndReadsSeriesThatExist()
    {
        using var prometheus = new PrometheusClient(fixture);
        using var setup = new ApiSetup(fixture);
        // A hub connection and a message through the api, so the connections gauge and the live-push histogram have samples.
        var owner = await setup.RegisterAsync(Accounts.ApiClient.NewUsername(), "Metrics");
        using var timeout = new CancellationTokenSource(Timeout);
        await using var listener = await Realtime.HubListener.ConnectAsync(fixture, owner, "realtime-1", timeout.Token);
        var channel = await setup.CreateChannelAsync(owner, "metrics");
        await setup.SendAsync(channel.Id, owner, "a sample for the live push histogram");

        var rules = await prometheus.RulesAsync();
        Assert.True(rules.Count >= 9, $"Prometheus loaded {rules.Count} rules from deploy/prometheus/alerts.yml");
        var expressions = rules.Select(r => (Where: $"rule {r.Name}", Expression: r.Query))
            .Concat(DashboardExpressions().Select(e => (Where: $"dashboard panel '{e.Title}'", e.Expression)))
            .ToList();

        foreach (var (where, expression) in expressions)
        {
            var (error, _) = await prometheus.QueryAsync(expression);
            Assert.True(error is null, $"{where}: {expression}: {error}");
        }

        var selectors = expressions.SelectMany(e => PromQlSelectors.Of(e.Expression).Select(s => (e.Where, Selector: s))).ToList();
        Assert.NotEmpty(selectors);
        var missing = selectors;
        await Eventually.TrueAsync(async () =>
        {
            var stillMissing = new List<(string Where, string Selector)>();
            foreach (var selector in missing)
            {
                if ((await prometheus.QueryAsync($"count({selector.Selector})")).Series == 0)
                {
                    stillMissing.Add(selector);
                }
            }

            missing = stillMissing;
            return missing.Count == 0;
        }, Timeout, () => "series for every selector; none for: " + string.Join("; ", missing.Select(m => $"{m.Where}: {m.Selector}"))
            + " — metric names: " + string.Join(", ", prometheus.MetricNamesAsync().GetAwaiter().GetResult().Where(n => n.StartsWith("nexuschat", StringComparison.Ordinal) || n.StartsWith("http", StringComparison.Ordinal))));
        output.WriteLine($"{expressions.Count} expressions, {selectors.Count} selectors, every one with series");
    }

    [Fact]
    public async Task TheAlertWebhookWantsTheOperatorKeyAndAnAlertmanagerPayload()
    {
        using var worker = fixture.App.CreateHttpClient(ResourceNames.Replica(ResourceNames.Worker, 1), "http");
        using (var anonymous = await worker.PostAsJsonAsync(OperatorEndpoints.Alerts, new { alerts = Array.Empty<object>() }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        worker.DefaultRequestHeaders.Authorization = new("Bearer", AppHostArguments.OperatorKey);
        using var noAlerts = await worker.PostAsJsonAsync(OperatorEndpoints.Alerts, new { version = "4" });
        Assert.Equal(HttpStatusCode.BadRequest, noAlerts.StatusCode);
        Assert.Equal("application/problem+json", noAlerts.Content.Headers.ContentType?.MediaType);

        using var unusable = await worker.PostAsJsonAsync(OperatorEndpoints.Alerts, new
        {
            version = "4",
            alerts = new[] { new { status = "firing", fingerprint = "not a fingerprint!", startsAt = DateTimeOffset.UtcNow } },
        });
        Assert.Equal(HttpStatusCode.OK, unusable.StatusCode);
        var counts = await unusable.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, counts.GetProperty("posted").GetInt32());
        Assert.Equal(1, counts.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task AKilledReplicaIsPostedInTheOperatorsChannelAndSoIsItsReturn()
    {
        using var setup = new ApiSetup(fixture);
        var watcher = await setup.RegisterAsync(AppHostArguments.Operator, "Ops Watcher");
        const string replica = "api-3";
        var killedAt = DateTimeOffset.UtcNow;
        ResourceProcesses.Kill(fixture.App, replica);
        try
        {
            var firing = await WaitForAlertAsync(setup, watcher, "FIRING", replica, TimeSpan.FromSeconds(75));
            output.WriteLine($"firing posted {(firing.CreatedAt - killedAt).TotalSeconds:F1} s after the kill (rule: for 20s):\n{firing.Text}");
        }
        finally
        {
            await ResourceProcesses.RestartAsync(fixture, replica, ResourceNames.Api);
        }

        var restartedAt = DateTimeOffset.UtcNow;
        var resolved = await WaitForAlertAsync(setup, watcher, "RESOLVED", replica, TimeSpan.FromSeconds(45));
        output.WriteLine($"resolved posted {(resolved.CreatedAt - restartedAt).TotalSeconds:F1} s after the replica was healthy:\n{resolved.Text}");
        Assert.Contains("Lasted", resolved.Text, StringComparison.Ordinal);
    }

    private static async Task<MessageDto> WaitForAlertAsync(ApiSetup setup, Contracts.Accounts.AuthResponse watcher, string status, string replica, TimeSpan within)
    {
        MessageDto? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var channel = (await setup.ListConversationsAsync(watcher)).FirstOrDefault(c => c.Name == "operators");
            if (channel is null)
            {
                return false;
            }

            found = (await setup.HistoryAsync(channel.Id, watcher)).FirstOrDefault(m => m.Text is { } text
                && text.Contains(status, StringComparison.Ordinal) && text.Contains("NexusChatReplicaDown", StringComparison.Ordinal)
                && text.Contains($"replica={replica}", StringComparison.Ordinal));
            return found is not null;
        }, within, $"a {status} NexusChatReplicaDown message for {replica} in the operators' channel");
        return found!;
    }

    private static IEnumerable<(string Title, string Expression)> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(TestArtifacts.InRepository("deploy", "grafana", "provisioning", "dashboards", "nexuschat.json")));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))];
    }
}
