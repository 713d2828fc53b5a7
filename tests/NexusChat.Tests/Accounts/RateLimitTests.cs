using System.Net;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

/// <summary>Limits are counted in Redis, so alternating between replicas does not multiply the allowance.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class RateLimitTests(HostModeAppFixture fixture)
{
    // Per username as in production; per address the app under test allows AppHostArguments.PerAddressLimit.
    private const int LoginLimit = 10;

    [Fact]
    public async Task TheLoginLimitPerUsernameHoldsAcrossReplicas()
    {
        var username = ApiClient.NewUsername();
        using var api1 = new ApiClient(fixture, "api-1");
        using var api2 = new ApiClient(fixture, "api-2");
        await api1.RegisterAsync(ApiClient.NewRegistration(username));

        for (var attempt = 0; attempt < LoginLimit; attempt++)
        {
            // A different address for each attempt: only the per-username limit can stop them.
            using var client = new ApiClient(fixture, attempt % 2 == 0 ? "api-1" : "api-2");
            using var response = await client.PostAsync("/api/auth/login", new LoginRequest(username, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var limited = await api2.PostAsync("/api/auth/login", new LoginRequest(username, "wrong password!"));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task TheLoginLimitPerAddressHoldsAcrossReplicas()
    {
        var address = ApiClient.RandomAddress();
        for (var attempt = 0; attempt < AppHostArguments.PerAddressLimit; attempt++)
        {
            using var client = new ApiClient(fixture, attempt % 2 == 0 ? "api-2" : "api-3", address);
            using var response = await client.PostAsync("/api/auth/login", new LoginRequest(ApiClient.NewUsername(), "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var api1 = new ApiClient(fixture, "api-1", address);
        using var limited = await api1.PostAsync("/api/auth/login", new LoginRequest(ApiClient.NewUsername(), "wrong password!"));

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task RegistrationIsLimitedPerAddress()
    {
        var address = ApiClient.RandomAddress();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= AppHostArguments.PerAddressLimit; attempt++)
        {
            using var client = new ApiClient(fixture, $"api-{attempt % 3 + 1}", address);
            using var response = await client.PostAsync("/api/auth/register", ApiClient.NewRegistration());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, AppHostArguments.PerAddressLimit), statuses.Take(AppHostArguments.PerAddressLimit));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
