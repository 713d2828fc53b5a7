using System.Net;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

/// <summary>The per-user API allowance (600 authenticated requests a minute by default), counted in Redis for all replicas.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class ApiUserLimitTests(HostModeAppFixture fixture)
{
    private const int Limit = 600;
    private static readonly string[] Replicas = ["api-1", "api-2", "api-3"];

    [Fact]
    public async Task AUserGetsExactlyTheirAllowanceOverEveryReplicaAndThenA429WhileOthersGoOn()
    {
        using var registrar = new ApiClient(fixture, "api-1");
        var greedy = await registrar.RegisterAsync();
        var other = await registrar.RegisterAsync();
        // The window starts at the user's first authenticated request, so all of these fall in one.
        var clients = Replicas.Select(replica => new ApiClient(fixture, replica)).ToArray();
        try
        {
            var allowed = 0;
            HttpResponseMessage? refused = null;
            for (var request = 0; request <= Limit && refused is null; request++)
            {
                var response = await clients[request % clients.Length].GetAsync("/api/users/me", greedy.AccessToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    allowed++;
                    response.Dispose();
                }
                else
                {
                    refused = response;
                }
            }

            Assert.Equal(Limit, allowed);
            Assert.NotNull(refused);
            using (refused)
            {
                await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
                Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            }

            using var othersGoOn = await clients[0].GetAsync("/api/users/me", other.AccessToken);
            Assert.Equal(HttpStatusCode.OK, othersGoOn.StatusCode);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
