using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// A fresh user with a private channel of their own and a message in it: what a hostile request's route placeholders
/// ({c}, {m}, {u}) point at. Each route gets its own, so one route's effects (a logout, a delete) cannot turn another
/// route's requests into 401s or 404s that never reach the code under test.
/// </summary>
public sealed record HostileTarget(AuthResponse Session, ConversationDto Channel, MessageDto Message)
{
    public static async Task<HostileTarget> CreateAsync(HostModeAppFixture fixture, string replica = "api-1")
    {
        using var api = new ApiClient(fixture, replica);
        var session = await api.RegisterAsync();
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", "hostile", null, "private", []), session.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
        using var sent = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("target", "target", null), session.AccessToken);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return new HostileTarget(session, channel, (await sent.Content.ReadFromJsonAsync<MessageDto>())!);
    }

    /// <summary>Just a session (for routes that end it), with no channel to fill placeholders.</summary>
    public static async Task<AuthResponse> SessionAsync(HostModeAppFixture fixture)
    {
        using var api = new ApiClient(fixture, "api-2");
        return await api.RegisterAsync();
    }

    /// <summary>A body the route would accept from this target's user, for requests whose hostility is elsewhere.</summary>
    public object ValidBody(HostileRoute route) => route.Path switch
    {
        "/api/auth/register" => ApiClient.NewRegistration(),
        "/api/auth/login" => new LoginRequest(Session.User.Username, "correct horse battery"),
        "/api/auth/refresh" => new RefreshRequest(Session.RefreshToken),
        "/api/users/me" => new UpdateProfileRequest("Renamed", "busy"),
        "/api/conversations" => new CreateConversationRequest("channel", "another", null, "private", []),
        "/api/conversations/{c}" => new UpdateConversationRequest(null, "a topic"),
        "/api/conversations/{c}/members" => new AddMemberRequest(Session.User.Id),
        "/api/conversations/{c}/members/{u}" => new ChangeRoleRequest("admin"),
        "/api/conversations/{c}/messages" => new SendMessageRequest("hello", Guid.NewGuid().ToString("N"), null),
        "/api/conversations/{c}/messages/{m}" => new EditMessageRequest("edited"),
        "/api/conversations/{c}/read" => new MarkReadRequest(1),
        _ => new { },
    };

    public string Fill(string route) => route
        .Replace("{c}", Channel.Id, StringComparison.Ordinal)
        .Replace("{m}", Message.Id, StringComparison.Ordinal)
        .Replace("{u}", Session.User.Id, StringComparison.Ordinal);
}
