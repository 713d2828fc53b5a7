using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class AuthTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task ASessionCreatedThroughOneReplicaIsAcceptedByAnother()
    {
        using var first = new ApiClient(fixture, "api-1");
        using var second = new ApiClient(fixture, "api-2");
        var registration = ApiClient.NewRegistration();

        var auth = await first.RegisterAsync(registration);

        Assert.Equal(registration.Username, auth.User.Username);
        Assert.Equal("Test User", auth.User.DisplayName);
        Assert.Equal(string.Empty, auth.User.StatusMessage);
        Assert.InRange(auth.ExpiresIn, 60, 3600);
        using var me = await second.GetAsync("/api/users/me", auth.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(auth.User, await me.Content.ReadFromJsonAsync<UserDto>());
    }

    [Fact]
    public async Task LoginReturnsTokensForTheRightPassword()
    {
        using var api = new ApiClient(fixture, "api-1");
        var registration = ApiClient.NewRegistration();
        var registered = await api.RegisterAsync(registration);

        // Any case of the username finds the account.
        using var login = await api.PostAsync("/api/auth/login", new LoginRequest(registration.Username!.ToUpperInvariant(), registration.Password));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var auth = (await login.Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.Equal(registered.User, auth.User);
        Assert.NotEqual(registered.RefreshToken, auth.RefreshToken);
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUsernameGetTheSameAnswer()
    {
        using var api = new ApiClient(fixture, "api-2");
        var registration = ApiClient.NewRegistration();
        await api.RegisterAsync(registration);

        using var wrongPassword = await api.PostAsync("/api/auth/login", new LoginRequest(registration.Username, "not the password"));
        using var unknownUser = await api.PostAsync("/api/auth/login", new LoginRequest(ApiClient.NewUsername(), "not the password"));

        var a = await AssertProblemAsync(wrongPassword, HttpStatusCode.Unauthorized);
        var b = await AssertProblemAsync(unknownUser, HttpStatusCode.Unauthorized);
        Assert.Equal(a.GetProperty("type").GetString(), b.GetProperty("type").GetString());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ADuplicateUsernameInAnyCaseIsAConflict()
    {
        using var api = new ApiClient(fixture, "api-1");
        var registration = ApiClient.NewRegistration();
        await api.RegisterAsync(registration);

        using var again = await api.PostAsync("/api/auth/register", registration with { Username = registration.Username!.ToUpperInvariant() });

        var problem = await AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.EndsWith("/username-taken", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string?, string> InvalidRegistrations => new()
    {
        { "ab", "Ana", "long enough password", "username" },
        { new string('a', 33), "Ana", "long enough password", "username" },
        { "ana maria", "Ana", "long enough password", "username" },
        { "ana<script>", "Ana", "long enough password", "username" },
        { null, "Ana", "long enough password", "username" },
        { "ana_ok", "   ", "long enough password", "displayName" },
        { "ana_ok", new string('x', 65), "long enough password", "displayName" },
        { "ana_ok", "Ana\u0007", "long enough password", "displayName" },
        { "ana_ok", null, "long enough password", "displayName" },
        { "ana_ok", "Ana", "too-short", "password" },
        { "ana_ok_long1", "Ana", "ANA_OK_LONG1", "password" },
        { "ana_ok", "Ana", null, "password" },
        { "ana_ok", "Ana", new string('p', 257), "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task EachRegistrationRuleIsAValidationProblemNamingTheField(
        string? username, string? displayName, string? password, string field)
    {
        using var api = new ApiClient(fixture, "api-3");

        using var response = await api.PostAsync("/api/auth/register", new RegisterRequest(username, displayName, password));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task DisplayNamesAreTrimmed()
    {
        using var api = new ApiClient(fixture, "api-1");

        var auth = await api.RegisterAsync(ApiClient.NewRegistration() with { DisplayName = "  Ana  " });

        Assert.Equal("Ana", auth.User.DisplayName);
    }

    [Fact]
    public async Task LogoutOnOneReplicaIsRefusedByAnotherOnTheVeryNextRequest()
    {
        using var first = new ApiClient(fixture, "api-1");
        using var second = new ApiClient(fixture, "api-3");
        var auth = await first.RegisterAsync();
        using (var before = await second.GetAsync("/api/users/me", auth.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await first.PostAsync("/api/auth/logout", new { }, auth.AccessToken);
        using var after = await second.GetAsync("/api/users/me", auth.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task LogoutAllEndsEverySessionOfTheUser()
    {
        using var api = new ApiClient(fixture, "api-2");
        var registration = ApiClient.NewRegistration();
        var first = await api.RegisterAsync(registration);
        using var login = await api.PostAsync("/api/auth/login", new LoginRequest(registration.Username, registration.Password));
        var second = (await login.Content.ReadFromJsonAsync<AuthResponse>())!;

        using var logoutAll = await api.PostAsync("/api/auth/logout-all", new { }, second.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, logoutAll.StatusCode);
        foreach (var session in new[] { first, second })
        {
            using var me = await api.GetAsync("/api/users/me", session.AccessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            using var refresh = await api.PostAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken));
            await AssertProblemAsync(refresh, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task RefreshingRotatesTheTokensAndReplayingASpentOneBeyondItsOneRetryRevokesTheSession()
    {
        using var first = new ApiClient(fixture, "api-1");
        using var second = new ApiClient(fixture, "api-2");
        var auth = await first.RegisterAsync();

        var fresh = await RefreshAsync(second, auth.RefreshToken);
        Assert.NotEqual(auth.RefreshToken, fresh.RefreshToken);
        using (var me = await first.GetAsync("/api/users/me", fresh.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // The spent token once more within the grace is a retry of a lost response; a second time it is a replay
        // (a thief's or the owner's): the whole session ends, the legitimate holder's tokens included.
        await RefreshAsync(first, auth.RefreshToken);
        using var replay = await first.PostAsync("/api/auth/refresh", new RefreshRequest(auth.RefreshToken));
        var problem = await AssertProblemAsync(replay, HttpStatusCode.Unauthorized);
        Assert.EndsWith("/invalid-refresh-token", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        using var freshRefresh = await second.PostAsync("/api/auth/refresh", new RefreshRequest(fresh.RefreshToken));
        await AssertProblemAsync(freshRefresh, HttpStatusCode.Unauthorized);
        using var freshAccess = await second.GetAsync("/api/users/me", fresh.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, freshAccess.StatusCode);
    }

    [Fact]
    public async Task ARefreshWhoseResponseWasLostCanBeRetriedOnceAndGetsTheSameToken()
    {
        using var api = new ApiClient(fixture, "api-3");
        var auth = await api.RegisterAsync();
        var lost = await RefreshAsync(api, auth.RefreshToken);

        var retried = await RefreshAsync(api, auth.RefreshToken);

        Assert.Equal(lost.RefreshToken, retried.RefreshToken);
        using var me = await api.GetAsync("/api/users/me", retried.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        // The session carries on from the token both answers carried.
        var next = await RefreshAsync(api, retried.RefreshToken);
        Assert.NotEqual(retried.RefreshToken, next.RefreshToken);
    }

    [Fact]
    public async Task AWrongSecretForALiveSessionIsRefusedAndEndsNothing()
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        var sessionId = auth.RefreshToken.Split('.')[0];

        // The session id is in every access token, so anyone who saw one can try this.
        using var guess = await api.PostAsync("/api/auth/refresh", new RefreshRequest($"{sessionId}.{Guid.NewGuid():N}"));

        await AssertProblemAsync(guess, HttpStatusCode.Unauthorized);
        using (var me = await api.GetAsync("/api/users/me", auth.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        await RefreshAsync(api, auth.RefreshToken);
    }

    private static async Task<AuthResponse> RefreshAsync(ApiClient api, string refreshToken)
    {
        using var response = await api.PostAsync("/api/auth/refresh", new RefreshRequest(refreshToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.secret")]
    public async Task AnInvalidRefreshTokenIsRefused(string token)
    {
        using var api = new ApiClient(fixture, "api-3");

        using var response = await api.PostAsync("/api/auth/refresh", new RefreshRequest(token));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRefused()
    {
        using var api = new ApiClient(fixture, "api-1");
        var auth = await api.RegisterAsync();
        var parts = auth.AccessToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        using var me = await api.GetAsync("/api/users/me", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
