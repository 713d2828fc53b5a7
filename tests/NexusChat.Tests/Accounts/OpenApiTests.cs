using System.Text.Json;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

[Collection(HostModeAppCollection.Name)]
public sealed class OpenApiTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRouteAndTheBearerScheme()
    {
        using var web = fixture.CreateWebClient();

        using var document = JsonDocument.Parse(await web.GetStringAsync("/api/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>(
        [
            "/api/status", "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
            "/api/auth/logout-all", "/api/users/me", "/api/users/{id}", "/api/users",
            "/api/conversations", "/api/conversations/{id}", "/api/conversations/{id}/members",
            "/api/conversations/{id}/members/{userId}", "/api/conversations/{id}/messages",
            "/api/conversations/{id}/messages/{messageId}", "/api/conversations/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/conversations/{id}/read", "/api/conversations/{id}/mute", "/api/search/messages",
        ]), paths);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes")
            .GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task ScalarServesTheApiReferenceThroughTheGateway()
    {
        using var web = fixture.CreateWebClient();

        using var response = await web.GetAsync("/api/docs");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
