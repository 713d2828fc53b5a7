namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The draft of one user in one conversation, as the composer reads and writes it.</summary>
public sealed class ConversationDraft(DraftStore store, string userId, string conversationId)
{
    public Task<string> GetAsync() => store.GetAsync(userId, conversationId);

    public Task SetAsync(string text) => store.SetAsync(userId, conversationId, text);

    public Task ClearAsync() => store.ClearAsync(userId, conversationId);
}
