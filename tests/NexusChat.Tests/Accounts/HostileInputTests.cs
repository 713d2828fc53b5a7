using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

/// <summary>
/// Every auth, users and conversation route, fed every kind of bad input: the answer is never a 5xx, and every error is a
/// ProblemDetails. Sent to an api replica directly (each request from its own address, so rate limits do not
/// mask the route's own handling) and through the gateway.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HostileInputTests(HostModeAppFixture fixture)
{
    private static readonly (string Method, string Path, bool NeedsSession)[] BodyRoutes =
    [
        ("POST", "/api/auth/register", false),
        ("POST", "/api/auth/login", false),
        ("POST", "/api/auth/refresh", false),
        ("POST", "/api/auth/logout", true),
        ("POST", "/api/auth/logout-all", true),
        ("PATCH", "/api/users/me", true),
        ("POST", "/api/conversations", true),
        ("PATCH", "/api/conversations/{c}", true),
        ("POST", "/api/conversations/{c}/members", true),
        ("PATCH", "/api/conversations/{c}/members/{u}", true),
        ("POST", "/api/conversations/{c}/messages", true),
        ("PATCH", "/api/conversations/{c}/messages/{m}", true),
        ("PUT", "/api/conversations/{c}/messages/{m}/reactions/%F0%9F%91%8D", true),
        ("POST", "/api/conversations/{c}/read", true),
    ];

    private static readonly string[] QueryRoutes =
    [
        "/api/users/me",
        "/api/users/" + new string('x', 2000),
        "/api/users?search=%FF%FE",
        "/api/users?search=a&limit=abc",
        "/api/users?search=a&limit=99999999999",
        "/api/users?after=%00&search=%27%20OR%201%3D1",
        "/api/status?x=%FF",
        "/api/conversations?limit=-1",
        "/api/conversations/public?search=%FF%FE&limit=abc",
        "/api/conversations/public?limit=99999999999",
        "/api/conversations/public?search=%27%20OR%201%3D1--&after=%00%27",
        "/api/conversations/public?search=%2A%5B(%5C&after={c}",
        "/api/conversations/public?search=" + new string('a', 300),
        "/api/conversations/{c}/messages?before=-5",
        "/api/conversations/{c}/messages?after=abc&limit=0",
        "/api/conversations/{c}/messages?changedSince=99999999999999999999",
        "/api/conversations/%27%3B%20DROP%20TABLE%20messages%3B--",
        "/api/conversations/{c}/messages/nope/reactions/not-an-emoji",
        "/api/search/messages?q=%22%2A%28%29-NEAR%20OR",
        "/api/search/messages?q=" + new string('a', 300),
        "/api/search/messages",
    ];

    /// <summary>The api's and the gateway's request body limit.</summary>
    private const int OversizedBody = 2 * 1024 * 1024;

    private static readonly (string Name, byte[] Body, string ContentType)[] Bodies =
    [
        ("malformed JSON", Utf8("{\"username\":"), "application/json"),
        ("wrong types", Utf8("{\"username\":5,\"displayName\":[],\"password\":{},\"refreshToken\":true,\"statusMessage\":1.5}"), "application/json"),
        ("array", Utf8("[]"), "application/json"),
        ("null", Utf8("null"), "application/json"),
        ("empty", [], "application/json"),
        ("missing fields", Utf8("{}"), "application/json"),
        ("1 MB body", Utf8("{\"username\":\"" + new string('a', 1024 * 1024) + "\"}"), "application/json"),
        ("3 MB body", Utf8("{\"text\":\"" + new string('a', 3 * 1024 * 1024) + "\"}"), "application/json"),
        ("control characters", Utf8("{\"username\":\"a\\u0000b\",\"displayName\":\"\\u0001\\u001b[31m\",\"password\":\"\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\",\"statusMessage\":\"\\u0000\",\"refreshToken\":\"\\u0000.\\u0000\"}"), "application/json"),
        ("invalid UTF-8", [.. Utf8("{\"username\":\""), 0xFF, 0xFE, 0xC3, .. Utf8("\",\"password\":\"x\"}")], "application/json"),
        ("deep nesting", Utf8(new string('[', 5000) + new string(']', 5000)), "application/json"),
        ("form instead of JSON", Utf8("username=a&password=b"), "application/x-www-form-urlencoded"),
        ("plain text", Utf8("hello"), "text/plain"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoBodyRouteAnswersBadInputWithA5xxOrAnythingButProblemDetails(bool throughGateway)
    {
        using var registrar = new ApiClient(fixture, "api-1");
        var session = await registrar.RegisterAsync();
        var place = await PlaceholdersAsync(registrar, session);
        var failures = new List<string>();
        foreach (var (method, template, needsSession) in BodyRoutes)
        {
            var path = place(template);
            foreach (var (name, body, contentType) in Bodies)
            {
                using var client = Client(throughGateway);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                if (needsSession)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
                }

                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException) when (body.Length > OversizedBody)
                {
                    // Over the limit the server answers 413 at once and closes the connection; a client still
                    // streaming the body may see the close first.
                    continue;
                }

                using (response)
                {
                    Check(failures, $"{method} {path} with {name}", response);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoQueryRouteAnswersBadInputWithA5xxOrAnythingButProblemDetails(bool throughGateway)
    {
        using var registrar = new ApiClient(fixture, "api-2");
        var session = await registrar.RegisterAsync();
        var place = await PlaceholdersAsync(registrar, session);
        var failures = new List<string>();
        foreach (var path in QueryRoutes.Select(place))
        {
            using var client = Client(throughGateway);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            using var response = await client.SendAsync(request);
            Check(failures, $"GET {path[..Math.Min(path.Length, 120)]}", response);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
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
        using var client = Client(throughGateway);

        using var response = await client.GetAsync("/api/users/%00");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task AGarbageAuthorizationHeaderIsA401(string authorization)
    {
        using var client = Client(throughGateway: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Client(bool throughGateway) =>
        throughGateway ? fixture.CreateWebClient() : new ApiClient(fixture, "api-3").Http;

    private static void Check(List<string> failures, string what, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{what}: {status}");
        }
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{what}: {status} with {response.Content.Headers.ContentType?.MediaType ?? "no body"}");
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Fills {c}, {m} and {u} in a route with a real channel of the caller, a message in it and the caller's id.</summary>
    private static async Task<Func<string, string>> PlaceholdersAsync(ApiClient api, AuthResponse session)
    {
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", "hostile", null, "private", []), session.AccessToken);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
        using var sent = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("target", "target", null), session.AccessToken);
        var message = (await sent.Content.ReadFromJsonAsync<MessageDto>())!;
        return route => route.Replace("{c}", channel.Id, StringComparison.Ordinal)
            .Replace("{m}", message.Id, StringComparison.Ordinal)
            .Replace("{u}", session.User.Id, StringComparison.Ordinal);
    }
}
