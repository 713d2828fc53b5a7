using Microsoft.AspNetCore.SignalR;
using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Realtime;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Chat;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// The conversation and its history through REST; sends, changes, live tracking and read state through the hub while it
/// is connected, else REST.
/// </summary>
public sealed class WorkspaceConversationChannel(
    string conversationId, ConversationsClient conversations, MessagesClient messages, ChatWorkspace workspace, UserDirectory users)
    : IConversationChannel
{
    public async Task<ConversationDto> GetConversationAsync()
    {
        var conversation = await conversations.GetAsync(conversationId);
        foreach (var member in conversation.Members ?? [])
        {
            _ = users.GetAsync(member.UserId);
        }

        return conversation;
    }

    public Task JoinAsync(string myUserId) => conversations.JoinAsync(conversationId, myUserId);

    public void Adopt(ConversationDto conversation) => workspace.Adopt(conversation);

    public Task<Page<MessageDto>> GetHistoryAsync(long? beforeSeq, int limit) => messages.GetHistoryAsync(conversationId, beforeSeq, limit);

    public Task<ThreadPageDto> GetThreadAsync(string rootId, long? beforeSeq, int limit) =>
        messages.GetThreadAsync(conversationId, rootId, beforeSeq, limit: limit);

    // A typed hub error is the server refusing the message (as a REST 4xx is): the session fails it instead of retrying.
    public async Task<MessageDto> SendAsync(TimelineMessage message)
    {
        try
        {
            return await workspace.SendAsync(
                conversationId, message.Text!, message.ReplyToId, message.ClientMessageId, [.. message.Attachments.Select(a => a.Id)],
                message.ThreadId, message.AlsoToChannel);
        }
        catch (HubException exception) when (HubError.Parse(exception.Message) is { } error)
        {
            throw ApiProblemException.From(error);
        }
    }

    public Task<MessageDto> EditAsync(string messageId, string text) => ChangeAsync(
        hub => hub.EditMessageAsync(conversationId, messageId, text), () => messages.EditAsync(conversationId, messageId, text));

    public Task<MessageDto> DeleteAsync(string messageId) => ChangeAsync(
        hub => hub.DeleteMessageAsync(conversationId, messageId), () => messages.DeleteAsync(conversationId, messageId));

    public Task<MessageDto> AddReactionAsync(string messageId, string emoji) => ChangeAsync(
        hub => hub.AddReactionAsync(conversationId, messageId, emoji), () => messages.AddReactionAsync(conversationId, messageId, emoji));

    public Task<MessageDto> RemoveReactionAsync(string messageId, string emoji) => ChangeAsync(
        hub => hub.RemoveReactionAsync(conversationId, messageId, emoji), () => messages.RemoveReactionAsync(conversationId, messageId, emoji));

    public void Track(long lastSeq, long version) => workspace.Track(conversationId, lastSeq, version);

    // A hidden tab is not being read: the workspace marks it read when the tab shows again.
    public Task MarkReadAsync(long seq) => workspace.TabHidden ? Task.CompletedTask : workspace.MarkReadAsync(conversationId, seq);

    // A typed hub error becomes the same exception as a REST problem, so the view shows both one way. Any other hub
    // failure (not connected after all, or the connection closed mid-call) is tried again through REST: each of these
    // changes is idempotent.
    private async Task<MessageDto> ChangeAsync(Func<ChatConnection, Task<MessageDto>> throughHub, Func<Task<MessageDto>> throughRest)
    {
        if (workspace.ConnectedHub is not { } hub)
        {
            return await throughRest();
        }

        try
        {
            return await throughHub(hub);
        }
        catch (HubException exception) when (HubError.Parse(exception.Message) is { } error)
        {
            throw ApiProblemException.From(error);
        }
        catch (Exception exception) when (exception is HubException or InvalidOperationException or IOException or TaskCanceledException)
        {
            return await throughRest();
        }
    }
}
