using System.Net.Http.Headers;
using System.Text;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

/// <summary>
/// Every auth and users route, fed every kind of bad input: the answer is never a 5xx, and every error is a
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
    ];

    private const int OversizedBody = 64 * 1024;

    private static readonly (string Name, byte[] Body, string ContentType)[] Bodies =
    [
        ("malformed JSON", Utf8("{\"username\":"), "application/json"),
        ("wrong types", Utf8("{\"username\":5,\"displayName\":[],\"password\":{},\"refreshToken\":true,\"statusMessage\":1.5}"), "application/json"),
        ("array", Utf8("[]"), "application/json"),
        ("null", Utf8("null"), "application/json"),
        ("empty", [], "application/json"),
        ("missing fields", Utf8("{}"), "application/json"),
        ("1 MB body", Utf8("{\"username\":\"" + new string('a', 1024 * 1024) + "\"}"), "application/json"),
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
        var failures = new List<string>();
        foreach (var (method, path, needsSession) in BodyRoutes)
        {
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
                catch (HttpRequestException) when (!throughGateway && body.Length > OversizedBody)
                {
                    // The api answers 413 as soon as the limit is crossed and closes the connection; a client still
                    // streaming the body may see the close first. Clients only reach the api through the gateway,
                    // which enforces the same limit before forwarding and answers with a ProblemDetails.
                    continue;
                }

                using (response)
                {
                    Check(failures, $"{method} {path} with {name}", response);
                }
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoQueryRouteAnswersBadInputWithA5xxOrAnythingButProblemDetails(bool throughGateway)
    {
        using var registrar = new ApiClient(fixture, "api-2");
        var session = await registrar.RegisterAsync();
        var failures = new List<string>();
        foreach (var path in QueryRoutes)
        {
            using var client = Client(throughGateway);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            using var response = await client.SendAsync(request);
            Check(failures, $"GET {path[..Math.Min(path.Length, 60)]}", response);
        }

        Assert.Empty(failures);
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
}
