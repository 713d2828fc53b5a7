using System.Net.Http.Headers;
using System.Text;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// Every route that takes a body, and every route that takes none, fed every kind of bad body, sent to an api replica
/// directly (each request from its own address, so rate limits do not mask the route's own handling) and through the
/// gateway. Each route has its own session and target, and each request that ends a session has its own, so every
/// request reaches the route: a body route answers 400, 413 or 415 (a ProblemDetails of ours, never a 401 or a 5xx);
/// a route without a body ignores it and answers as it would without one.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HostileInputTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    /// <summary>Bad bodies; <c>Expected</c> is what a route that reads a body answers (null: the route decides).</summary>
    private static readonly (string Name, byte[] Body, string ContentType, int? Expected)[] Bodies =
    [
        ("malformed JSON", Utf8("{\"username\":"), "application/json", 400),
        ("wrong types", Utf8("{\"username\":5,\"displayName\":[],\"password\":{},\"refreshToken\":true,\"statusMessage\":1.5,\"text\":[],\"seq\":\"x\",\"type\":7,\"name\":{},\"userId\":[],\"role\":false,\"memberIds\":\"a\"}"), "application/json", 400),
        ("array", Utf8("[]"), "application/json", 400),
        ("null", Utf8("null"), "application/json", 400),
        ("empty", [], "application/json", 400),
        ("deep nesting", Utf8(new string('[', 5000) + new string(']', 5000)), "application/json", 400),
        ("3 MB body", Utf8("{\"text\":\"" + new string('a', 3 * 1024 * 1024) + "\"}"), "application/json", 413),
        ("form instead of JSON", Utf8("username=a&password=b"), "application/x-www-form-urlencoded", 415),
        ("plain text", Utf8("hello"), "text/plain", 415),
        // Well-formed objects: the route's own rules answer (an update with no known field changes nothing, a 200).
        ("missing fields", Utf8("{}"), "application/json", null),
        ("1 MB body", Utf8("{\"username\":\"" + new string('a', 1024 * 1024) + "\",\"text\":\"" + new string('a', 1024) + "\"}"), "application/json", null),
        ("control characters", Utf8("{\"username\":\"a\\u0000b\",\"displayName\":\"\\u0001\\u001b[31m\",\"password\":\"\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\\u0007\",\"statusMessage\":\"\\u0000\",\"refreshToken\":\"\\u0000.\\u0000\",\"text\":\"\\u0000\",\"name\":\"\\u0007\",\"type\":\"\\u0000\",\"userId\":\"\\u0000\",\"role\":\"\\u0000\",\"clientMessageId\":\"\\u0000\"}"), "application/json", null),
        ("invalid UTF-8", [.. Utf8("{\"username\":\""), 0xFF, 0xFE, 0xC3, .. Utf8("\",\"password\":\"x\",\"text\":\""), 0xFF, .. Utf8("\"}")], "application/json", null),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryBodyRouteAnswersEveryBadBodyWithItsOwn4xxProblem(bool throughGateway)
    {
        var answers = new List<(HostileAnswer Answer, int? Expected)>();
        foreach (var route in HostileRoutes.All.Where(r => r.TakesBody))
        {
            answers.AddRange(await SendAllBodiesAsync(route, throughGateway));
        }

        output.WriteLine($"{answers.Count} requests");
        // Expected null: the route's own answer (a 2xx or one of our ProblemDetails).
        HostileAnswer.AssertEvery(answers, a => a.Expected is { } status ? IsExpectedRefusal(a.Answer, status) : a.Answer.ReachedTheRoute);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryRouteWithoutABodyIgnoresEveryBadBody(bool throughGateway)
    {
        var answers = new List<(HostileAnswer Answer, int? Expected)>();
        foreach (var route in HostileRoutes.Writes.Where(r => !r.TakesBody))
        {
            answers.AddRange(await SendAllBodiesAsync(route, throughGateway));
        }

        // Past the size limit the gateway refuses a body before any route runs; an api replica reads no body it does
        // not need, so the route runs.
        HostileAnswer.AssertEvery(answers, a => a.Answer.ReachedTheRoute || (a.Expected == 413 && a.Answer.Status == 413));
    }

    private async Task<List<(HostileAnswer Answer, int? Expected)>> SendAllBodiesAsync(HostileRoute route, bool throughGateway)
    {
        var target = await HostileTarget.CreateAsync(fixture);
        var sender = new HostileSender(fixture, throughGateway);
        var answers = new List<(HostileAnswer, int?)>();
        foreach (var (name, body, contentType, expected) in Bodies)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            answers.Add((await sender.SendAsync(route, target, target.Fill(route.Path), content, $"{route} with {name}"), expected));
        }

        return answers;
    }

    /// <summary>
    /// A 400 must be one of ours: authentication runs before the body is read, so it proves the session was good. A 415
    /// comes from routing (the route accepts JSON only) and a 413 from the size limit, before any session is looked at.
    /// </summary>
    private static bool IsExpectedRefusal(HostileAnswer answer, int status) =>
        answer.Status == status && (status == 400 ? answer.IsOwnProblem : answer.IsProblem);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
