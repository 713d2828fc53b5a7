using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Client;

// Message changes over the hub, so a client needs no second transport for them. Each answer is taken in like the push
// that follows it (whichever comes first; the later one is dropped by version).
public sealed partial class ChatConnection
{
    public Task<MessageDto> EditMessageAsync(string conversationId, string messageId, string text, CancellationToken cancellationToken = default) =>
        ChangeAsync(_hub.InvokeAsync<MessageDto>(nameof(IChatHub.EditMessage), conversationId, messageId, text, cancellationToken));

    public Task<MessageDto> DeleteMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(_hub.InvokeAsync<MessageDto>(nameof(IChatHub.DeleteMessage), conversationId, messageId, cancellationToken));

    public Task<MessageDto> AddReactionAsync(string conversationId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        ChangeAsync(_hub.InvokeAsync<MessageDto>(nameof(IChatHub.AddReaction), conversationId, messageId, emoji, cancellationToken));

    public Task<MessageDto> RemoveReactionAsync(string conversationId, string messageId, string emoji, CancellationToken cancellationToken = default) =>
        ChangeAsync(_hub.InvokeAsync<MessageDto>(nameof(IChatHub.RemoveReaction), conversationId, messageId, emoji, cancellationToken));

    private async Task<MessageDto> ChangeAsync(Task<MessageDto> invocation)
    {
        var changed = await invocation;
        Enqueue(() => OnUpdated(changed));
        return changed;
    }
}
