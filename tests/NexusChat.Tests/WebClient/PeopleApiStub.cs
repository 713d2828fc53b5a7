using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Tests.WebClient;

/// <summary>The user and conversation routes the avatar, profile and quick switcher components call, answered from lists.</summary>
public sealed class PeopleApiStub : HttpMessageHandler
{
    public List<UserDto> Users { get; } = [];

    public List<ConversationDto> Conversations { get; } = [];

    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri.PathAndQuery}");
        }

        var search = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["search"] ?? "";
        object? answer = (request.Method.Method, path) switch
        {
            ("GET", "/api/conversations") => new Page<ConversationDto>(Conversations, null),
            ("GET", "/api/users") => new Page<UserDto>(
                Users.Where(u => u.DisplayName.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                    || u.Username.StartsWith(search, StringComparison.OrdinalIgnoreCase)).ToList(), null),
            ("POST", "/api/conversations") => new ConversationDto(
                "dm-new", "direct", null, null, null, "me", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 0, "member", 0, 0, 0, null, null),
            ("PUT", "/api/users/me/avatar") => Users.Find(u => u.Id == "me")! with { AvatarVersion = "v-new" },
            ("DELETE", "/api/users/me/avatar") => Users.Find(u => u.Id == "me")! with { AvatarVersion = null },
            ("GET", _) when path.StartsWith("/api/users/", StringComparison.Ordinal) => Users.Find(u => path == $"/api/users/{u.Id}"),
            _ => null,
        };
        return Task.FromResult(answer is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(answer, answer.GetType()) });
    }
}
