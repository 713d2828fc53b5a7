using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// Bad paths, ids and query strings on every route, each answered by the route itself (2xx or one of our
/// ProblemDetails, never a 5xx, a 405 or an unauthenticated 401), directly and through the gateway.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HostileRequestTests(HostModeAppFixture fixture)
{
    private static readonly (string Method, string Path)[] BadPaths =
    [
        ("GET", "/api/users/" + new string('x', 2000)),
        ("GET", "/api/users?search=%FF%FE"),
        ("GET", "/api/users?search=a&limit=abc"),
        ("GET", "/api/users?search=a&limit=99999999999"),
        ("GET", "/api/users?after=%00&search=%27%20OR%201%3D1"),
        ("GET", "/api/status?x=%FF"),
        ("GET", "/api/conversations?limit=-1"),
        ("GET", "/api/conversations/public?search=%FF%FE&limit=abc"),
        ("GET", "/api/conversations/public?limit=99999999999"),
        ("GET", "/api/conversations/public?search=%27%20OR%201%3D1--&after=%00%27"),
        ("GET", "/api/conversations/public?search=%2A%5B(%5C&after={c}"),
        ("GET", "/api/conversations/public?search=" + new string('a', 300)),
        ("GET", "/api/conversations/{c}/messages?before=-5"),
        ("GET", "/api/conversations/{c}/messages?after=abc&limit=0"),
        ("GET", "/api/conversations/{c}/messages?changedSince=99999999999999999999"),
        ("GET", "/api/conversations/%27%3B%20DROP%20TABLE%20messages%3B--"),
        ("PATCH", "/api/conversations/" + new string('c', 3000)),
        ("PUT", "/api/conversations/{c}/messages/nope/reactions/not-an-emoji"),
        ("DELETE", "/api/conversations/{c}/messages/nope/reactions/not-an-emoji"),
        ("PUT", "/api/conversations/{c}/messages/{m}/reactions/not-an-emoji"),
        ("PUT", "/api/conversations/{c}/messages/{m}/reactions/" + Uri.EscapeDataString(new string('\u263A', 40))),
        ("DELETE", "/api/conversations/{c}/messages/{m}/reactions/%E2%80%8B"),
        ("DELETE", "/api/conversations/{c}/messages/%FF%FE"),
        ("DELETE", "/api/conversations/{c}/members/" + new string('u', 3000)),
        ("PATCH", "/api/conversations/{c}/members/nobody"),
        ("GET", "/api/search/messages?q=%22%2A%28%29-NEAR%20OR"),
        ("GET", "/api/search/messages?q=" + new string('a', 300)),
        ("GET", "/api/search/messages"),
    ];

    /// <summary>Wrong types, invalid UTF-8, a NUL name, repeats and a long value, in every parameter any route reads.</summary>
    private static readonly string[] BadQueries =
    [
        "?limit=abc&before=%FF%FE&after=-1&changedSince=99999999999999999999&search=%00%27&q=%F0%28&%00=%00",
        "?limit=1&limit=2&before=1&after=1&changedSince=1&search=a&search=b&q=" + new string('q', 4000),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryBadPathOrIdIsAnsweredByItsRoute(bool throughGateway)
    {
        var target = await HostileTarget.CreateAsync(fixture, "api-2");
        var sender = new HostileSender(fixture, throughGateway);
        var answers = new List<HostileAnswer>();
        foreach (var (method, path) in BadPaths)
        {
            var route = new HostileRoute(method, path, path, HostileCaller.RouteUser, TakesBody: method == "PATCH");
            answers.Add(await sender.SendAsync(route, target, target.Fill(path), route.TakesBody ? JsonContent.Create(new { }) : null));
        }

        HostileAnswer.AssertEvery(answers, answer => answer.ReachedTheRoute);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryRouteIgnoresOrRefusesABadQueryString(bool throughGateway)
    {
        var sender = new HostileSender(fixture, throughGateway);
        var answers = new List<HostileAnswer>();
        foreach (var route in HostileRoutes.All)
        {
            var target = await HostileTarget.CreateAsync(fixture);
            foreach (var query in BadQueries)
            {
                answers.Add(await sender.SendAsync(
                    route, target, target.Fill(route.Path) + query, route.TakesBody ? JsonContent.Create(new { }) : null, $"{route}{query[..Math.Min(query.Length, 80)]}"));
            }
        }

        HostileAnswer.AssertEvery(answers, answer => answer.ReachedTheRoute);
    }

    /// <summary>
    /// Every route that names a conversation, message or user, called by a signed-in user with the ids of another
    /// user's private channel and message (and, in their own channel, with the other's message and id): a 403 or 404 of
    /// ours, never a success and never a 5xx. Profiles are the exception: any signed-in user may read one.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryRouteRefusesTheIdsOfAnotherUsersObjects(bool throughGateway)
    {
        var sender = new HostileSender(fixture, throughGateway);
        var other = await HostileTarget.CreateAsync(fixture, "api-1");
        var answers = new List<(HostileRoute Route, HostileAnswer Answer)>();
        foreach (var route in HostileRoutes.All.Where(r => r.Path.Contains('{', StringComparison.Ordinal)))
        {
            var mine = await HostileTarget.CreateAsync(fixture, "api-2");
            List<string> paths = [other.Fill(route.Path)];
            if (route.Path.Contains("{c}/", StringComparison.Ordinal)
                && (route.Path.Contains("{m}", StringComparison.Ordinal) || route.Path.Contains("{u}", StringComparison.Ordinal)))
            {
                paths.Add(route.Path.Replace("{c}", mine.Channel.Id, StringComparison.Ordinal)
                    .Replace("{m}", other.Message.Id, StringComparison.Ordinal)
                    .Replace("{u}", other.Session.User.Id, StringComparison.Ordinal));
            }

            foreach (var path in paths)
            {
                answers.Add((route, await sender.SendAsync(route, mine, path, route.TakesBody ? JsonContent.Create(mine.ValidBody(route)) : null)));
            }
        }

        var profiles = answers.Where(a => a.Route.Template == "/api/users/{id}").Select(a => a.Answer).ToList();
        HostileAnswer.AssertEvery(profiles, answer => answer.Status == 200);
        HostileAnswer.AssertEvery(answers.Select(a => a.Answer).Except(profiles), answer => answer.Status is 403 or 404 && answer.IsOwnProblem);
    }

    /// <summary>A route added without a row in <see cref="HostileRoutes"/> would escape every table.</summary>
    [Fact]
    public async Task TheHostileTablesCoverEveryRouteOfTheOpenApiDocument()
    {
        using var web = fixture.CreateWebClient();
        using var document = JsonDocument.Parse(await web.GetStringAsync("/api/openapi/v1.json"));

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        Assert.Equal(documented.Order(), HostileRoutes.All.Select(r => r.ToString()).Concat(HostileRoutes.TusRoutes).Order());
    }

    /// <summary>
    /// A NUL in the path makes the request itself malformed: Kestrel answers 400 before any middleware runs,
    /// so there is no application to write a ProblemDetails, but it is still a client error, never a 5xx.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARequestPathWithANulIsRefusedAsMalformed(bool throughGateway)
    {
        using var client = throughGateway ? fixture.CreateWebClient() : new ApiClient(fixture, "api-3").Http;

        using var response = await client.GetAsync("/api/users/%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task AGarbageAuthorizationHeaderIsA401(string authorization)
    {
        using var client = new ApiClient(fixture, "api-3");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
