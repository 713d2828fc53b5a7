using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// Edits, deletes (tombstones) and reaction changes reach every member as <c>MessageUpdated</c>. Each member gets the
/// message as they see it, since "did I react" differs per member.
/// </summary>
public sealed class MessageChangedHandler(IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub)
    : IIntegrationEventHandler<MessageEdited>, IIntegrationEventHandler<MessageDeleted>, IIntegrationEventHandler<ReactionChanged>
{
    public Task HandleAsync(MessageEdited @event, CancellationToken cancellationToken) => PushAsync(@event.Message, cancellationToken);

    public Task HandleAsync(MessageDeleted @event, CancellationToken cancellationToken) => PushAsync(@event.Message, cancellationToken);

    public Task HandleAsync(ReactionChanged @event, CancellationToken cancellationToken) => PushAsync(@event.Message, cancellationToken);

    private async Task PushAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        var members = await conversations.ListMembersAsync(message.ConversationId, cancellationToken);
        await Task.WhenAll(members.Select(member => hub.Clients.User(member.UserId).MessageUpdated(message.ToDto(member.UserId))));
    }
}
