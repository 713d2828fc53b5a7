using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

/// <summary>
/// Rotating the access-token signing key as docs/hosting.md tells an operator to: replicas restarted with the new
/// key and the old one as previous accept the tokens signed before and sign with the new key; once the old key is
/// dropped, what it signed is refused and what the new key signed is not. Real replicas of the shared app (api-1's
/// binary and settings, keys changed), a session made through the notRotated.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class SigningKeyRotationTests(HostModeAppFixture fixture)
{
    private const string NewKey = "rotated-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task TokensOfTheOldKeyWorkDuringTheRotationAndRefreshToTheNewKeyThenTheOldKeyIsRefusedOnceDropped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var notRotated = new ApiClient(fixture, "api-1");
        var signedIn = await notRotated.RegisterAsync();

        AuthResponse renewed;
        await using (var rotating = await ReconfiguredApiProcess.StartAsync(fixture, "api-rotating", new Dictionary<string, string?>
                     {
                         ["Auth__SigningKey"] = NewKey,
                         ["Auth__PreviousSigningKey"] = AppHostArguments.SigningKey,
                     }, timeout.Token))
        using (var http = rotating.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, signedIn.AccessToken));

            using var refresh = await http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(signedIn.RefreshToken), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            renewed = (await refresh.Content.ReadFromJsonAsync<AuthResponse>(timeout.Token))!;
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, renewed.AccessToken));
        }

        // A replica not yet rotated knows only the old key: the renewed token is signed with the new one.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(notRotated.Http, renewed.AccessToken));

        await using var rotated = await ReconfiguredApiProcess.StartAsync(fixture, "api-rotated", new Dictionary<string, string?>
        {
            ["Auth__SigningKey"] = NewKey,
            ["Auth__PreviousSigningKey"] = null,
        }, timeout.Token);
        using var after = rotated.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(after, renewed.AccessToken));
        // Signed with the old key and unexpired, and its session is alive: only the dropped key refuses it.
        var oldKeyToken = await notRotated.RegisterAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(after, oldKeyToken.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(notRotated.Http, oldKeyToken.AccessToken));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
