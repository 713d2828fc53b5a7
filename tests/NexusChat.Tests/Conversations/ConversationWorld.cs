using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// Six users (owner, admin, member, second member, two outsiders) and helpers to give them fresh channels, talking to
/// the api replicas directly (replica chosen per call, round robin) the way the gateway spreads requests.
/// </summary>
public sealed class ConversationWorld(HostModeAppFixture fixture, AuthResponse owner, AuthResponse admin, AuthResponse member,
    AuthResponse member2, AuthResponse outsider, AuthResponse stranger)
{
    private static readonly string[] Replicas = ["api-1", "api-2", "api-3"];
    private int _next;

    public AuthResponse Owner { get; } = owner;
    public AuthResponse Admin { get; } = admin;
    public AuthResponse Member { get; } = member;
    public AuthResponse Member2 { get; } = member2;
    public AuthResponse Outsider { get; } = outsider;

    /// <summary>Another non-member, for callers who try to add someone.</summary>
    public AuthResponse Stranger { get; } = stranger;

    public static async Task<ConversationWorld> CreateAsync(HostModeAppFixture fixture)
    {
        var users = new List<AuthResponse>();
        for (var i = 0; i < 6; i++)
        {
            using var api = new ApiClient(fixture, Replicas[i % 3]);
            users.Add(await api.RegisterAsync());
        }

        return new ConversationWorld(fixture, users[0], users[1], users[2], users[3], users[4], users[5]);
    }

    public ApiClient Api() => new(fixture, Replicas[Interlocked.Increment(ref _next) % Replicas.Length]);

    /// <summary>A channel owned by Owner with Admin (promoted), Member and Member2.</summary>
    public async Task<ConversationDto> ChannelAsync(string visibility)
    {
        using var api = Api();
        using var created = await api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", $"team-{Guid.NewGuid():N}"[..20], "topic", visibility,
                [Admin.User.Id, Member.User.Id, Member2.User.Id]), Owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
        using var promoted = await api.SendAsync(HttpMethod.Patch, $"/api/conversations/{channel.Id}/members/{Admin.User.Id}",
            JsonContent.Create(new ChangeRoleRequest("admin")), Owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        return channel;
    }

    public async Task<MessageDto> SendAsync(string conversationId, AuthResponse sender, string text, string? clientMessageId = null)
    {
        using var api = Api();
        using var response = await api.PostAsync($"/api/conversations/{conversationId}/messages",
            new SendMessageRequest(text, clientMessageId ?? Guid.NewGuid().ToString("N"), null), sender.AccessToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"send: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }
}
