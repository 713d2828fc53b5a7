using System.Net;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using StackExchange.Redis;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Uploads;

/// <summary>
/// Upload chunks and offset checks have their own per-user allowance (6,000 a minute), apart from the REST one (600):
/// a large file's chunks must not lock its owner out of chat, nor chat traffic stall an upload. The counters are
/// filled in Redis, where every replica keeps them, rather than by thousands of requests.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class UploadRateLimitTests(HostModeAppFixture fixture)
{
    private const int RestLimit = 600;
    private const int ChunkLimit = 6000;

    [Fact]
    public async Task ChunksAndOffsetChecksGoOnWhenTheRestAllowanceIsSpent()
    {
        using var api = new ApiClient(fixture, "api-1");
        var user = await api.RegisterAsync();
        var tus = new TusClient(api.Http, user.AccessToken);
        var location = await tus.CreateAsync(1000);

        await SpendAsync($"api:user:{user.User.Id}", RestLimit);

        using (var rest = await api.GetAsync("/api/users/me", user.AccessToken))
        {
            await AssertProblemAsync(rest, HttpStatusCode.TooManyRequests);
        }

        Assert.Equal(0, await tus.OffsetAsync(location));
        using var chunk = await tus.PatchAsync(location, 0, new byte[1000]);
        Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
    }

    [Fact]
    public async Task ChunksPastTheirOwnAllowanceGet429WhileRestRequestsGoOn()
    {
        using var api = new ApiClient(fixture, "api-2");
        var user = await api.RegisterAsync();
        var tus = new TusClient(api.Http, user.AccessToken);
        var location = await tus.CreateAsync(1000);

        await SpendAsync($"api:upload-chunks:user:{user.User.Id}", ChunkLimit);

        using (var chunk = await tus.PatchAsync(location, 0, new byte[1000]))
        {
            await AssertProblemAsync(chunk, HttpStatusCode.TooManyRequests);
            Assert.True(chunk.Headers.Contains("Retry-After"));
        }

        using var rest = await api.GetAsync("/api/users/me", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
    }

    /// <summary>Counts <paramref name="hits"/> in the user's current window, as that many requests would have.</summary>
    private async Task SpendAsync(string limiterKey, int hits)
    {
        var connectionString = await fixture.App.GetConnectionStringAsync(ResourceNames.Redis);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        await redis.GetDatabase().StringSetAsync($"nexuschat:rate:{limiterKey}", hits, TimeSpan.FromMinutes(1));
    }
}
