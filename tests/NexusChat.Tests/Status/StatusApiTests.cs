using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Status;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Status;

/// <summary><c>GET /api/status</c> is anonymous: it probes the dependencies at most every few seconds and answers each address a bounded number of times.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class StatusApiTests(HostModeAppFixture fixture)
{
    // StatusOptions.CacheFor, the production default.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);
    private const int Limit = AppHostArguments.StatusPerAddressLimit;
    private const int ApiReplicas = 3;

    [Fact]
    public async Task ConcurrentCallersOfAReplicaShareOneProbeRound()
    {
        using var api = new ApiClient(fixture, "api-2");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetStatusAsync(api.Http)));

        // The cached round may run out once during the burst; without the cache each caller had a round of its own.
        Assert.InRange(answers.Select(a => a.CheckedAt).Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task AReplicaProbesAgainOnlyOnceTheCachePeriodIsOver()
    {
        using var api = new ApiClient(fixture, "api-3");

        var first = await GetStatusAsync(api.Http);
        var second = await GetStatusAsync(api.Http);
        var next = await NextRoundAsync(api.Http, second.CheckedAt);

        Assert.True(second.CheckedAt == first.CheckedAt || second.CheckedAt - first.CheckedAt >= CacheFor,
            $"two rounds {(second.CheckedAt - first.CheckedAt).TotalMilliseconds} ms apart");
        Assert.InRange(next.CheckedAt - second.CheckedAt, CacheFor, CacheFor + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnAddressGetsTooManyRequestsOnceItsAllowanceIsUsed()
    {
        using var api = new ApiClient(fixture, "api-1");

        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await api.GetAsync("/api/status");
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"request {i + 1}: {(int)allowed.StatusCode}");
        }

        // The window may have started over during the burst, which allows at most one more allowance.
        using var limited = await FirstLimitedAsync(Enumerable.Range(0, Limit + 1).Select(_ => api.GetAsync("/api/status")));
        using var otherAddress = new ApiClient(fixture, "api-1");
        using var other = await otherAddress.GetAsync("/api/status");

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 10);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AnIpv6ClientCannotEscapeTheLimitByChangingTheLowerHalfOfItsAddress()
    {
        using var api = new HttpClient { BaseAddress = fixture.App.GetEndpoint("api-2", "http") };
        var prefix = $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";

        using var limited = await FirstLimitedAsync(Enumerable.Range(0, 2 * Limit + 1).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.Add("X-Forwarded-For", $"{prefix}:{Random.Shared.Next(0x10000):x}::{Random.Shared.Next(1, 0x10000):x}");
            return api.SendAsync(request);
        }));

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AForwardedForHeaderSentThroughTheGatewayDoesNotEscapeTheLimit()
    {
        // Straight to the gateway's port from an address of this test's own (the DCP proxy would make it 127.0.0.1).
        using var web = LoopbackClient.Create(LoopbackClient.RandomAddress(), fixture.WebListeningPort);

        // Every request claims another client address: believed by the gateway or the api, none would be limited.
        using var limited = await FirstLimitedAsync(Enumerable.Range(0, 2 * ApiReplicas * Limit + 1).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.Add("X-Forwarded-For", ApiClient.RandomAddress());
            return web.SendAsync(request);
        }));

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
    }

    /// <summary>Sends the requests one after another until one is refused; fails if every one is answered.</summary>
    private static async Task<HttpResponseMessage> FirstLimitedAsync(IEnumerable<Task<HttpResponseMessage>> requests)
    {
        var answered = 0;
        foreach (var send in requests)
        {
            var response = await send;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            response.Dispose();
            answered++;
        }

        Assert.Fail($"all {answered} requests were answered");
        throw new InvalidOperationException();
    }

    private static async Task<ServiceStatus> GetStatusAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<ServiceStatus>("/api/status"))!;

    /// <summary>Asks until the replica answers from a round after <paramref name="checkedAt"/>.</summary>
    private static async Task<ServiceStatus> NextRoundAsync(HttpClient http, DateTimeOffset checkedAt)
    {
        using var deadline = new CancellationTokenSource(CacheFor + TimeSpan.FromSeconds(10));
        while (true)
        {
            var status = (await http.GetFromJsonAsync<ServiceStatus>("/api/status", deadline.Token))!;
            if (status.CheckedAt != checkedAt)
            {
                return status;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
