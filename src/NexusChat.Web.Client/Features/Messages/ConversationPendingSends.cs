namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The kept sends of one user in one conversation: what a <see cref="ConversationSession"/> writes and restores.</summary>
public sealed class ConversationPendingSends(PendingSendStore store, string userId, string conversationId)
{
    public Task<IReadOnlyList<PendingSend>> ListAsync() => store.ForConversationAsync(userId, conversationId);

    public Task KeepAsync(TimelineMessage message) => store.AddAsync(userId, new PendingSend(
        message.ClientMessageId, conversationId, message.Text ?? string.Empty, message.ReplyToId, message.Attachments, message.CreatedAt,
        message.State == SendState.Failed));

    public Task ForgetAsync(string clientMessageId) => store.RemoveAsync(userId, clientMessageId);

    public Task SetFailedAsync(string clientMessageId, bool failed) => store.SetFailedAsync(userId, clientMessageId, failed);
}
