using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// GET /api/conversations/public, the directory behind "Browse channels". The app is shared with other tests, so each
/// test names its channels under a fresh prefix and searches by it.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class PublicChannelsApiTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task PrivateChannelsAreNeverListedAndMyRoleIsSetOnlyWhereTheCallerIsAMember()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var prefix = NewPrefix();
        var open = await CreateAsync(world, $"{prefix} open", "public");
        await CreateAsync(world, $"{prefix} closed", "private");

        var asOutsider = await ListAsync(world, world.Outsider, $"?search={prefix}");
        var asMember = await ListAsync(world, world.Member, $"?search={prefix}");
        var asOwner = await ListAsync(world, world.Owner, $"?search={prefix}");

        Assert.Equal([open.Id], asOutsider.Items.Select(c => c.Id));
        var listed = asOutsider.Items[0];
        Assert.Equal(($"{prefix} open", "topic", "public", "channel"), (listed.Name, listed.Topic, listed.Visibility, listed.Type));
        Assert.Null(listed.MyRole);
        Assert.Equal("member", Assert.Single(asMember.Items).MyRole);
        Assert.Equal("owner", Assert.Single(asOwner.Items).MyRole);
        Assert.Null(asOutsider.Next);
    }

    [Fact]
    public async Task SearchMatchesTheStartOfTheNameIgnoringCaseInNameOrder()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var prefix = NewPrefix();
        var dev = await CreateAsync(world, $"{prefix}-dev", "public");
        var design = await CreateAsync(world, $"{prefix}-Design", "public");
        await CreateAsync(world, $"{prefix}-ops", "public");
        await CreateAsync(world, $"x-{prefix}-dev", "public");

        var found = await ListAsync(world, world.Outsider, $"?search={Uri.EscapeDataString($"  {prefix.ToUpperInvariant()}-DE ")}");

        Assert.Equal([design.Id, dev.Id], found.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task PagesFollowTheNextCursorUntilItIsNull()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var prefix = NewPrefix();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await CreateAsync(world, $"{prefix} {i}", "public")).Id);
        }

        var pages = new List<Page<ConversationDto>>();
        string? next = null;
        do
        {
            var after = next is null ? string.Empty : $"&after={next}";
            pages.Add(await ListAsync(world, world.Outsider, $"?search={prefix}&limit=2{after}"));
            next = pages[^1].Next;
        }
        while (next is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(created, pages.SelectMany(p => p.Items).Select(c => c.Id));
    }

    [Fact]
    public async Task AnonymousCallersAreRefused()
    {
        using var api = new ApiClient(fixture, "api-1");

        using var response = await api.GetAsync("/api/conversations/public");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=51")]
    [InlineData("?limit=-3&search=a")]
    public async Task ALimitOutsideOneToFiftyIsAValidationProblem(string query)
    {
        using var api = new ApiClient(fixture, "api-2");
        var session = await api.RegisterAsync();

        using var response = await api.GetAsync($"/api/conversations/public{query}", session.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), problem.ToString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheRoute()
    {
        using var web = fixture.CreateWebClient();

        using var document = JsonDocument.Parse(await web.GetStringAsync("/api/openapi/v1.json"));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/conversations/public").GetProperty("get");
        Assert.Equal("ListPublicChannels", operation.GetProperty("operationId").GetString());
    }

    // Lower-case hex after a letter: sorts apart from every other test's channels and has case to fold.
    private static string NewPrefix() => $"pub{Guid.NewGuid():N}"[..14];

    private static async Task<ConversationDto> CreateAsync(ConversationWorld world, string name, string visibility)
    {
        using var api = world.Api();
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", name, "topic", visibility, [world.Member.User.Id]), world.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
    }

    private static async Task<Page<ConversationDto>> ListAsync(ConversationWorld world, AuthResponse caller, string query)
    {
        using var api = world.Api();
        using var response = await api.GetAsync($"/api/conversations/public{query}", caller.AccessToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Page<ConversationDto>>())!;
    }
}
