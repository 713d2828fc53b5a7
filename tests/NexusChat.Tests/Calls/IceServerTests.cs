using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using NexusChat.Contracts.Calls;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Calls;

/// <summary>
/// The TURN credentials the api hands out, tried against the real coturn of the test app with coturn's own test client
/// (turnutils_uclient): two allocations on the relay exchanging packets through it, as two relay-only call peers do.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class IceServerTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task TheCallerGetsStunAndTurnWithAnHourLongCredentialThatCoturnRelaysWith()
    {
        using var api = new ApiClient(fixture, "api-2");
        var caller = await api.RegisterAsync();

        using var response = await api.GetAsync("/api/calls/ice-servers", caller.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var servers = (await response.Content.ReadFromJsonAsync<IceServersResponse>())!;
        var stun = Assert.Single(servers.IceServers, s => s.Username is null);
        var turn = Assert.Single(servers.IceServers, s => s.Username is not null);
        var port = Assert.Single(stun.Urls).Split(':')[^1];
        Assert.Equal([$"turn:localhost:{port}?transport=udp", $"turn:localhost:{port}?transport=tcp"], turn.Urls);
        Assert.InRange(servers.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
        Assert.Equal($"{servers.ExpiresAt.ToUnixTimeSeconds()}:{caller.User.Id}", turn.Username);

        var relayed = await RelayAsync(port, turn.Username!, turn.Credential!);
        Assert.True(relayed.ExitCode == 0, relayed.Output);
        Assert.Contains("Total lost packets 0 ", relayed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoturnRefusesAWrongPasswordAndAnExpiredCredential()
    {
        using var api = new ApiClient(fixture, "api-1");
        var caller = await api.RegisterAsync();
        using var response = await api.GetAsync("/api/calls/ice-servers", caller.AccessToken);
        var turn = (await response.Content.ReadFromJsonAsync<IceServersResponse>())!.IceServers.Single(s => s.Username is not null);
        var port = turn.Urls[0].Split(':')[^1].Split('?')[0];
        var expired = $"{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}:{caller.User.Id}";

        var wrong = await RelayAsync(port, turn.Username!, "not-the-password");
        var late = await RelayAsync(port, expired, Sign(expired));
        // The same signing with a live expiry works, so the refusal above is the expiry's.
        var live = $"{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}:{caller.User.Id}";
        var signed = await RelayAsync(port, live, Sign(live));

        Assert.True(wrong.ExitCode != 0, wrong.Output);
        Assert.Contains("Cannot complete Allocation", wrong.Output, StringComparison.Ordinal);
        Assert.True(late.ExitCode != 0, late.Output);
        Assert.True(signed.ExitCode == 0, signed.Output);
    }

    [Fact]
    public async Task OnlyASignedInUserGetsCredentials()
    {
        using var api = new ApiClient(fixture, "api-3");

        using var response = await api.GetAsync("/api/calls/ice-servers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Sign(string username) => Convert.ToBase64String(
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(AppHostArguments.TurnSecret), Encoding.UTF8.GetBytes(username)));

    // -y: two clients allocate on the relay and send to each other's relayed address; -n 3 packets each.
    private static async Task<(int ExitCode, string Output)> RelayAsync(string port, string username, string password)
    {
        var start = new ProcessStartInfo("turnutils_uclient", ["-y", "-n", "3", "-u", username, "-w", password, "-p", port, "127.0.0.1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
