using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// Every conversation, message, search and avatar route × {anonymous, outsider, member, admin, owner}, on a private and a
/// public channel: the status each gets.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class AuthorizationMatrixTests(HostModeAppFixture fixture)
{
    private static readonly SemaphoreSlim WorldLock = new(1, 1);
    private static ConversationWorld? _world;

    public enum Caller { Anonymous, Outsider, Member, Admin, Owner }

    /// <summary>route, channel visibility, caller, expected status.</summary>
    public static TheoryData<string, string, Caller, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, Caller, HttpStatusCode>();
        void Row(string route, string visibility, params (Caller Caller, HttpStatusCode Status)[] expected)
        {
            foreach (var (caller, status) in expected)
            {
                data.Add(route, visibility, caller, status);
            }
        }

        const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized, NotFound = HttpStatusCode.NotFound,
            Forbidden = HttpStatusCode.Forbidden, Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, NoContent = HttpStatusCode.NoContent,
            BadRequest = HttpStatusCode.BadRequest;
        foreach (var visibility in new[] { "private", "public" })
        {
            var outsiderReads = visibility == "public" ? Ok : NotFound;
            var outsiderActs = visibility == "public" ? Forbidden : NotFound;
            Row("get conversation", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderReads), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("rename", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Forbidden), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("add someone", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs),
                (Caller.Member, visibility == "public" ? Created : Forbidden), (Caller.Admin, Created), (Caller.Owner, Created));
            // Adding oneself again changes nothing; in a private channel adding anyone is the owner's and admins' right.
            Row("join", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, visibility == "public" ? Created : NotFound),
                (Caller.Member, visibility == "public" ? Ok : Forbidden), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("remove member", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Forbidden), (Caller.Admin, NoContent), (Caller.Owner, NoContent));
            Row("leave", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, NotFound), (Caller.Member, NoContent), (Caller.Admin, NoContent), (Caller.Owner, Forbidden));
            Row("change role", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Forbidden), (Caller.Admin, Forbidden), (Caller.Owner, Ok));
            Row("send", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Created), (Caller.Admin, Created), (Caller.Owner, Created));
            // A thread is read by members only, even in a public channel (previewers see the root's summary in the history).
            Row("read a thread", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("reply in a thread", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Created), (Caller.Admin, Created), (Caller.Owner, Created));
            Row("history", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderReads), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("edit another's message", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Forbidden), (Caller.Admin, Forbidden), (Caller.Owner, Forbidden));
            Row("edit own message", visibility, (Caller.Anonymous, Unauthorized), (Caller.Member, Ok));
            Row("delete another's message", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Forbidden), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("react", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("unreact", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("list public channels", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Ok), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            Row("mute", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, NoContent), (Caller.Admin, NoContent), (Caller.Owner, NoContent));
            Row("unmute", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, NoContent), (Caller.Admin, NoContent), (Caller.Owner, NoContent));
            Row("mark read", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, outsiderActs), (Caller.Member, Ok), (Caller.Admin, Ok), (Caller.Owner, Ok));
            // Routes about no one channel: what the caller's role in this one is does not matter, signing in does.
            Row("create channel", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Created), (Caller.Member, Created));
            Row("start a direct conversation", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Created), (Caller.Member, Created));
            Row("list my conversations", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Ok), (Caller.Member, Ok));
            Row("search messages", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Ok), (Caller.Member, Ok));
            // Profile pictures: one's own is set and removed by oneself only (the route has no user id); anyone signed in reads one.
            Row("set my avatar from an unknown file", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, BadRequest), (Caller.Member, BadRequest));
            Row("remove my avatar", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, Ok), (Caller.Member, Ok));
            Row("get an avatar", visibility, (Caller.Anonymous, Unauthorized), (Caller.Outsider, NotFound), (Caller.Member, NotFound));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachCallerGetsTheExpectedStatus(string route, string visibility, Caller caller, HttpStatusCode expected)
    {
        var world = await WorldAsync();
        var channel = await world.ChannelAsync(visibility);
        // A message by Member2, so "another's message" is someone else's for every caller in the matrix.
        var others = await world.SendAsync(channel.Id, world.Member2, "hello from member 2");
        var own = await world.SendAsync(channel.Id, world.Member, "hello from member");
        var token = caller switch
        {
            Caller.Outsider => world.Outsider.AccessToken,
            Caller.Member => world.Member.AccessToken,
            Caller.Admin => world.Admin.AccessToken,
            Caller.Owner => world.Owner.AccessToken,
            _ => null,
        };
        var self = caller switch
        {
            Caller.Outsider => world.Outsider.User.Id,
            Caller.Member => world.Member.User.Id,
            Caller.Owner => world.Owner.User.Id,
            _ => world.Admin.User.Id,
        };
        var at = $"/api/conversations/{channel.Id}";
        var (method, path, body) = route switch
        {
            "get conversation" => (HttpMethod.Get, at, (object?)null),
            "rename" => (HttpMethod.Patch, at, new UpdateConversationRequest("renamed", "new topic")),
            "add someone" => (HttpMethod.Post, $"{at}/members", new AddMemberRequest(world.Stranger.User.Id)),
            "join" => (HttpMethod.Post, $"{at}/members", new AddMemberRequest(self)),
            "remove member" => (HttpMethod.Delete, $"{at}/members/{world.Member2.User.Id}", null),
            "leave" => (HttpMethod.Delete, $"{at}/members/{self}", null),
            "change role" => (HttpMethod.Patch, $"{at}/members/{world.Member2.User.Id}", new ChangeRoleRequest("admin")),
            "send" => (HttpMethod.Post, $"{at}/messages", new SendMessageRequest("hi", Guid.NewGuid().ToString("N"), null)),
            "history" => (HttpMethod.Get, $"{at}/messages?limit=10", null),
            "read a thread" => (HttpMethod.Get, $"{at}/messages/{others.Id}/thread?limit=10", null),
            "reply in a thread" => (HttpMethod.Post, $"{at}/messages",
                new SendMessageRequest("in thread", Guid.NewGuid().ToString("N"), null, ThreadId: others.Id)),
            "edit another's message" => (HttpMethod.Patch, $"{at}/messages/{others.Id}", new EditMessageRequest("edited")),
            "edit own message" => (HttpMethod.Patch, $"{at}/messages/{own.Id}", new EditMessageRequest("edited")),
            "delete another's message" => (HttpMethod.Delete, $"{at}/messages/{others.Id}", null),
            "react" => (HttpMethod.Put, $"{at}/messages/{others.Id}/reactions/{Uri.EscapeDataString("👍")}", null),
            "unreact" => (HttpMethod.Delete, $"{at}/messages/{others.Id}/reactions/{Uri.EscapeDataString("👍")}", null),
            "mark read" => (HttpMethod.Post, $"{at}/read", new MarkReadRequest(2)),
            "mute" => (HttpMethod.Put, $"{at}/mute", null),
            "unmute" => (HttpMethod.Delete, $"{at}/mute", null),
            "create channel" => (HttpMethod.Post, "/api/conversations", new CreateConversationRequest("channel", "made", null, visibility, [])),
            "start a direct conversation" => (HttpMethod.Post, "/api/conversations",
                new CreateConversationRequest("direct", null, null, null, [(await NewUserAsync(world)).User.Id])),
            "list my conversations" => (HttpMethod.Get, "/api/conversations", null),
            "search messages" => (HttpMethod.Get, "/api/search/messages?q=hello", null),
            "set my avatar from an unknown file" => (HttpMethod.Put, "/api/users/me/avatar", new Contracts.Accounts.SetAvatarRequest(Guid.NewGuid().ToString("N"))),
            "remove my avatar" => (HttpMethod.Delete, "/api/users/me/avatar", null),
            "get an avatar" => (HttpMethod.Get, $"/api/users/{world.Owner.User.Id}/avatar", null),
            "list public channels" => (HttpMethod.Get, $"/api/conversations/public?search={Uri.EscapeDataString(channel.Name!)}", null),
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };

        using var api = world.Api();
        using var response = await api.SendAsync(method, path, body is null ? null : JsonContent.Create(body, body.GetType()), token);

        Assert.True(expected == response.StatusCode,
            $"{route} ({visibility}) as {caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Someone no caller has a direct conversation with yet, so starting one creates it.</summary>
    private static async Task<Contracts.Accounts.AuthResponse> NewUserAsync(ConversationWorld world)
    {
        using var api = world.Api();
        return await api.RegisterAsync();
    }

    private async Task<ConversationWorld> WorldAsync()
    {
        await WorldLock.WaitAsync();
        try
        {
            return _world ??= await ConversationWorld.CreateAsync(fixture);
        }
        finally
        {
            WorldLock.Release();
        }
    }
}
