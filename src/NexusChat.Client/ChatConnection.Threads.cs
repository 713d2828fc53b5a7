using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Client;

public sealed partial class ChatConnection
{
    /// <summary>
    /// Replies in the thread of <paramref name="threadId"/> (a top-level message); raises <see cref="MessageReceived"/>
    /// for it once stored, like <see cref="SendMessageAsync"/>. The root's new summary arrives as a message update.
    /// </summary>
    public async Task<MessageDto> SendThreadReplyAsync(
        string conversationId, string threadId, string text, bool alsoToChannel = false, IReadOnlyList<string>? attachmentIds = null,
        string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var stored = await _hub.InvokeAsync<MessageDto>(nameof(IChatHub.SendThreadReply),
            conversationId, clientMessageId ?? NewClientMessageId(), text, threadId, alsoToChannel, attachmentIds ?? [], cancellationToken);
        Enqueue(() => OnCreatedAsync(stored));
        return stored;
    }
}
