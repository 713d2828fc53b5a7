using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Client.Rest;

/// <summary>
/// /api/conversations: channels and direct conversations, the public channel directory, membership and read state.
/// </summary>
public sealed class ConversationsClient(RestTransport transport)
{
    /// <summary>The caller's conversations, most recently active first, with unread and mention counts (no members).</summary>
    public Task<Page<ConversationDto>> ListAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        transport.SendAsync<Page<ConversationDto>>(HttpMethod.Get, $"api/conversations?limit={limit}", null, cancellationToken);

    /// <summary>
    /// Public channels whose name starts with <paramref name="search"/> (ignoring case; all when empty), by name, each
    /// with MyRole set when the caller is a member. Pass a page's Next as <paramref name="after"/> for the following one.
    /// </summary>
    public Task<Page<ConversationDto>> ListPublicChannelsAsync(
        string? search = null, string? after = null, int limit = 20, CancellationToken cancellationToken = default)
    {
        var query = $"api/conversations/public?limit={limit}&search={Uri.EscapeDataString(search ?? string.Empty)}";
        if (after is not null)
        {
            query += $"&after={Uri.EscapeDataString(after)}";
        }

        return transport.SendAsync<Page<ConversationDto>>(HttpMethod.Get, query, null, cancellationToken);
    }

    /// <summary>One conversation with its members (a public channel can be previewed before joining).</summary>
    public Task<ConversationDto> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<ConversationDto>(HttpMethod.Get, Path(conversationId), null, cancellationToken);

    /// <param name="visibility">"public" or "private".</param>
    public Task<ConversationDto> CreateChannelAsync(
        string name, string visibility, string? topic = null, IReadOnlyList<string>? memberIds = null, CancellationToken cancellationToken = default) =>
        transport.SendAsync<ConversationDto>(HttpMethod.Post, "api/conversations",
            new CreateConversationRequest("channel", name, topic, visibility, memberIds ?? []), cancellationToken);

    /// <summary>The direct conversation with <paramref name="otherUserId"/>, created on first use.</summary>
    public Task<ConversationDto> OpenDirectAsync(string otherUserId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<ConversationDto>(HttpMethod.Post, "api/conversations",
            new CreateConversationRequest("direct", null, null, null, [otherUserId]), cancellationToken);

    public Task<MemberDto> AddMemberAsync(string conversationId, string userId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<MemberDto>(HttpMethod.Post, $"{Path(conversationId)}/members", new AddMemberRequest(userId), cancellationToken);

    /// <summary>Joining a public channel is adding yourself.</summary>
    public Task<MemberDto> JoinAsync(string conversationId, string myUserId, CancellationToken cancellationToken = default) =>
        AddMemberAsync(conversationId, myUserId, cancellationToken);

    public Task<ReadStateDto> MarkReadAsync(string conversationId, long seq, CancellationToken cancellationToken = default) =>
        transport.SendAsync<ReadStateDto>(HttpMethod.Post, $"{Path(conversationId)}/read", new MarkReadRequest(seq), cancellationToken);

    /// <summary>Mutes (or unmutes) the conversation for the caller on all their devices; repeating it changes nothing.</summary>
    public Task SetMutedAsync(string conversationId, bool muted, CancellationToken cancellationToken = default) =>
        transport.SendAsync(muted ? HttpMethod.Put : HttpMethod.Delete, $"{Path(conversationId)}/mute", null, cancellationToken);

    internal static string Path(string conversationId) => $"api/conversations/{Uri.EscapeDataString(conversationId)}";
}
