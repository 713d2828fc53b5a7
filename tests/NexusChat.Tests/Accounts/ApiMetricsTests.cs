using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class ApiMetricsTests(HostModeAppFixture fixture)
{
    private const string Logins = "nexuschat_logins_total";
    private const string Sends = "nexuschat_messages_sent_total";

    /// <summary>
    /// Counted, not sampled: the counters move by exactly what this test did on its replica (no other test uses api-3
    /// for sign-ins or sends while it runs, tests of one collection running one at a time).
    /// </summary>
    [Fact]
    public async Task SignInsAndSendsAreCountedExactlyOnTheReplicasPrometheusEndpoint()
    {
        using var api = new ApiClient(fixture, "api-3");
        var auth = await api.RegisterAsync();
        using var created = await api.PostAsync("/api/conversations", new CreateConversationRequest("channel", "metrics", null, "private", []), auth.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
        var before = await ScrapeAsync(api);

        using var failed1 = await api.PostAsync("/api/auth/login", new LoginRequest(auth.User.Username, "not the password"));
        using var failed2 = await api.PostAsync("/api/auth/login", new LoginRequest(auth.User.Username, "not it either"));
        using var succeeded = await api.PostAsync("/api/auth/login", new LoginRequest(auth.User.Username, "correct horse battery"));
        using var sent = await api.PostAsync($"/api/conversations/{channel.Id}/messages", new SendMessageRequest("counted", "m1", null), auth.AccessToken);
        using var repeated = await api.PostAsync($"/api/conversations/{channel.Id}/messages", new SendMessageRequest("counted", "m1", null), auth.AccessToken);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK],
            new[] { failed1, failed2, succeeded, sent, repeated }.Select(r => r.StatusCode));
        (string Metric, string Label, double Delta)[] expected =
        [
            (Logins, "outcome=\"failed\"", 2), (Logins, "outcome=\"succeeded\"", 1),
            (Sends, "result=\"created\"", 1), (Sends, "result=\"repeated\"", 1),
        ];
        // The exporter caches a scrape briefly, so look again until the new counts are in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var after = await ScrapeAsync(api);
        while (expected.Any(e => Value(after, e.Metric, e.Label) < Value(before, e.Metric, e.Label) + e.Delta) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            after = await ScrapeAsync(api);
        }

        Assert.Equal(
            expected.Select(e => $"{e.Metric}{{{e.Label}}} +{e.Delta}"),
            expected.Select(e => $"{e.Metric}{{{e.Label}}} +{Value(after, e.Metric, e.Label) - Value(before, e.Metric, e.Label)}"));
    }

    private static async Task<string[]> ScrapeAsync(ApiClient api) => (await api.Http.GetStringAsync("/metrics")).Split('\n');

    /// <summary>The sum of the metric's samples with the label (0 before the first): <c>name{labels} value [timestamp]</c>.</summary>
    private static double Value(string[] scrape, string metric, string label) => scrape
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));
}
