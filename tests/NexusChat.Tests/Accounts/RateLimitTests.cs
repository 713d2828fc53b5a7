using System.Diagnostics;
using System.Net;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

/// <summary>Limits are counted in Redis, so alternating between replicas does not multiply the allowance.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class RateLimitTests(HostModeAppFixture fixture)
{
    // The production defaults (RateLimitOptions): wrong passwords per (username, address), then free ones per username.
    private const int FailuresPerAddress = 10;
    private const int FreeFailuresPerUsername = 10;
    private static readonly TimeSpan SlowdownStep = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task WrongPasswordsFromOneAddressAreRefusedThereWhileTheOwnerSignsInFromAnother()
    {
        var registration = ApiClient.NewRegistration();
        using var owner = new ApiClient(fixture, "api-3");
        await owner.RegisterAsync(registration);
        var attacker = ApiClient.RandomAddress();

        for (var attempt = 0; attempt < FailuresPerAddress; attempt++)
        {
            using var client = new ApiClient(fixture, attempt % 2 == 0 ? "api-1" : "api-2", attacker);
            using var response = await client.PostAsync("/api/auth/login", new LoginRequest(registration.Username, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var api1 = new ApiClient(fixture, "api-1", attacker);
        using var limited = await api1.PostAsync("/api/auth/login", new LoginRequest(registration.Username, "wrong password!"));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        // The owner, from their own address, signs in on the first try, with no window to wait out.
        using var login = await owner.PostAsync("/api/auth/login", new LoginRequest(registration.Username, registration.Password));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsFromManyAddressesSlowSignInsAsThatUsernameDownButNeverLockItOut()
    {
        const int extraFailures = 4;
        var registration = ApiClient.NewRegistration();
        using var owner = new ApiClient(fixture, "api-1");
        await owner.RegisterAsync(registration);

        for (var attempt = 0; attempt < FreeFailuresPerUsername + extraFailures; attempt++)
        {
            // A different address for each guess: only the per-username count sees them all.
            using var client = new ApiClient(fixture, $"api-{attempt % 3 + 1}");
            using var response = await client.PostAsync("/api/auth/login", new LoginRequest(registration.Username, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var started = Stopwatch.GetTimestamp();
        using var login = await owner.PostAsync("/api/auth/login", new LoginRequest(registration.Username, registration.Password));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(started) >= SlowdownStep * extraFailures,
            $"sign-in took {Stopwatch.GetElapsedTime(started)}, no slower than without the guesses");
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
