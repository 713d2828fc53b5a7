using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class ApiMetricsTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task SignInsAndSendsShowOnTheReplicasPrometheusEndpoint()
    {
        using var api = new ApiClient(fixture, "api-3");
        var auth = await api.RegisterAsync();
        using var failed = await api.PostAsync("/api/auth/login", new LoginRequest(auth.User.Username, "not the password"));
        using var created = await api.PostAsync("/api/conversations", new CreateConversationRequest("channel", "metrics", null, "private", []), auth.AccessToken);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
        using var sent = await api.PostAsync($"/api/conversations/{channel.Id}/messages", new SendMessageRequest("counted", "m1", null), auth.AccessToken);

        // The exporter caches a scrape briefly, so look again until the new counts are in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var scrape = await api.Http.GetStringAsync("/metrics");
        while (!(HasSample(scrape, "nexuschat_logins_total", "outcome=\"failed\"") && HasSample(scrape, "nexuschat_messages_sent_total", "result=\"created\""))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            scrape = await api.Http.GetStringAsync("/metrics");
        }

        Assert.True(HasSample(scrape, "nexuschat_logins_total", "outcome=\"failed\""), "no failed sign-in counted");
        Assert.True(HasSample(scrape, "nexuschat_messages_sent_total", "result=\"created\""), "no created message counted");
    }

    private static bool HasSample(string scrape, string metric, string label) =>
        scrape.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal));
}
