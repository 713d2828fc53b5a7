using System.Net.Http.Headers;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// Sends hostile requests to an api replica directly (each from a fresh client address, so the per-address limits do
/// not mask the route's own handling) or through the gateway, as the route's caller.
/// </summary>
public sealed class HostileSender(HostModeAppFixture fixture, bool throughGateway)
{
    /// <summary>The api's and the gateway's request body limit.</summary>
    public const int BodyLimit = 2 * 1024 * 1024;

    public async Task<HostileAnswer> SendAsync(
        HostileRoute route, HostileTarget target, string path, HttpContent? content, string? what = null)
    {
        var token = route.Caller switch
        {
            HostileCaller.RouteUser => target.Session.AccessToken,
            HostileCaller.OwnSession => (await HostileTarget.SessionAsync(fixture)).AccessToken,
            _ => null,
        };
        using var client = throughGateway ? fixture.CreateWebClient() : new ApiClient(fixture, "api-3").Http;
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        what ??= $"{route.Method} {path[..Math.Min(path.Length, 160)]}";
        try
        {
            using var response = await client.SendAsync(request);
            return await HostileAnswer.ReadAsync(what, response);
        }
        catch (HttpRequestException) when (content?.Headers.ContentLength > BodyLimit)
        {
            // Over the limit the server answers 413 at once and closes the connection; a client still streaming the
            // body may see the close first.
            return new HostileAnswer(what, 413, "application/problem+json", "closed while sending");
        }
    }
}
