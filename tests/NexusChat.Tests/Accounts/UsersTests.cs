using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class UsersTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task APatchChangesOnlyTheFieldsGiven()
    {
        using var api = new ApiClient(fixture, "api-1");
        var auth = await api.RegisterAsync();

        using var status = await api.SendAsync(HttpMethod.Patch, "/api/users/me",
            JsonContent.Create(new UpdateProfileRequest(null, "  in a meeting ")), auth.AccessToken);
        using var name = await api.SendAsync(HttpMethod.Patch, "/api/users/me",
            JsonContent.Create(new UpdateProfileRequest("Ana B.", null)), auth.AccessToken);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var updated = (await name.Content.ReadFromJsonAsync<UserDto>())!;
        Assert.Equal(auth.User with { DisplayName = "Ana B.", StatusMessage = "in a meeting" }, updated);
    }

    [Theory]
    [InlineData("", null, "displayName")]
    [InlineData(null, "\u0000", "statusMessage")]
    [InlineData(null, "x", null)]
    public async Task AnInvalidProfileChangeIsAValidationProblem(string? displayName, string? statusMessage, string? field)
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        var request = field is null ? new UpdateProfileRequest(null, new string('x', 141)) : new UpdateProfileRequest(displayName, statusMessage);

        using var response = await api.SendAsync(HttpMethod.Patch, "/api/users/me", JsonContent.Create(request), auth.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field ?? "statusMessage", out _));
    }

    [Fact]
    public async Task AUserIsFoundByIdAndAnUnknownIdIsNotFound()
    {
        using var api = new ApiClient(fixture, "api-3");
        var ana = await api.RegisterAsync();
        var bob = await api.RegisterAsync();

        var found = await (await api.GetAsync($"/api/users/{ana.User.Id}", bob.AccessToken)).Content.ReadFromJsonAsync<UserDto>();
        using var unknown = await api.GetAsync("/api/users/does-not-exist", bob.AccessToken);

        Assert.Equal(ana.User, found);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SearchMatchesUsernamePrefixesAndPages()
    {
        using var api = new ApiClient(fixture, "api-1");
        var prefix = $"s{Guid.NewGuid():N}"[..10];
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}_{i}").ToList();
        AuthResponse? caller = null;
        foreach (var name in names)
        {
            caller = await api.RegisterAsync(ApiClient.NewRegistration(name));
        }

        var first = (await (await api.GetAsync($"/api/users?search={prefix.ToUpperInvariant()}&limit=3", caller!.AccessToken))
            .Content.ReadFromJsonAsync<Page<UserDto>>())!;
        var second = (await (await api.GetAsync($"/api/users?search={prefix}&limit=3&after={first.Next}", caller.AccessToken))
            .Content.ReadFromJsonAsync<Page<UserDto>>())!;

        Assert.Equal(names[..3], first.Items.Select(u => u.Username));
        Assert.NotNull(first.Next);
        Assert.Equal(names[3..], second.Items.Select(u => u.Username));
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task SearchPagesHoldOneToFiftyUsers(int limit)
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();

        using var response = await api.GetAsync($"/api/users?search=a&limit={limit}", auth.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/users/me")]
    [InlineData("/api/users/someone")]
    [InlineData("/api/users?search=a")]
    public async Task UserRoutesNeedASession(string path)
    {
        using var api = new ApiClient(fixture, "api-3");

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
