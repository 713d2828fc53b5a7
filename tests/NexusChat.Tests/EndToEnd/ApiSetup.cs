using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Accounts, channels and history made through the REST API, for browser tests whose subject is what the browser
/// shows of them rather than how they were made (a hundred messages typed would cost minutes). One api replica, from
/// an address of its own, so the browsers' registration and sign-in bucket at 127.0.0.1 is not spent here.
/// </summary>
public sealed class ApiSetup(HostModeAppFixture fixture) : IDisposable
{
    private readonly ApiClient _api = new(fixture, "api-1");

    /// <summary>An account with <see cref="ChatPageDriver.Password"/>, so a browser can sign in as it.</summary>
    public async Task<AuthResponse> RegisterAsync(string username, string displayName) =>
        await _api.RegisterAsync(new RegisterRequest(username, displayName, ChatPageDriver.Password));

    public async Task<ConversationDto> CreateChannelAsync(AuthResponse owner, string name, params AuthResponse[] members)
    {
        using var response = await _api.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", name, null, "private", [.. members.Select(m => m.User.Id)]), owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationDto>())!;
    }

    public async Task<ConversationDto> CreateDirectAsync(AuthResponse from, AuthResponse to)
    {
        using var response = await _api.PostAsync("/api/conversations", new CreateConversationRequest("direct", null, null, null, [to.User.Id]), from.AccessToken);
        Assert.True(response.IsSuccessStatusCode, $"direct: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ConversationDto>())!;
    }

    public async Task<MessageDto> SendAsync(string conversationId, AuthResponse sender, string text)
    {
        using var response = await _api.PostAsync($"/api/conversations/{conversationId}/messages",
            new SendMessageRequest(text, Guid.NewGuid().ToString("N"), null), sender.AccessToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"send: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    /// <summary>A reply in the thread of <paramref name="rootId"/>.</summary>
    public async Task<MessageDto> ReplyInThreadAsync(string conversationId, AuthResponse sender, string rootId, string text)
    {
        using var response = await _api.PostAsync($"/api/conversations/{conversationId}/messages",
            new SendMessageRequest(text, Guid.NewGuid().ToString("N"), null, ThreadId: rootId), sender.AccessToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"reply: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    public async Task ReactAsync(string conversationId, AuthResponse by, string messageId, string emoji)
    {
        using var response = await _api.SendAsync(HttpMethod.Put,
            $"/api/conversations/{conversationId}/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}", null, by.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<IReadOnlyList<ConversationDto>> ListConversationsAsync(AuthResponse reader)
    {
        using var response = await _api.GetAsync("/api/conversations?limit=100", reader.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page<ConversationDto>>())!.Items;
    }

    /// <summary>The latest page of the conversation's history, newest first.</summary>
    public async Task<IReadOnlyList<MessageDto>> HistoryAsync(string conversationId, AuthResponse reader)
    {
        using var response = await _api.GetAsync($"/api/conversations/{conversationId}/messages?limit=100", reader.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page<MessageDto>>())!.Items;
    }

    public async Task RemoveMemberAsync(string conversationId, AuthResponse by, string userId)
    {
        using var response = await _api.SendAsync(HttpMethod.Delete, $"/api/conversations/{conversationId}/members/{userId}", null, by.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public void Dispose() => _api.Dispose();
}
