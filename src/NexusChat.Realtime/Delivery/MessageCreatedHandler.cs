using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// Pushes a stored message to the hub connections of every member of its conversation, on every replica. One
/// realtime replica handles each event (competing consumers on the realtime queue) and sends through the Redis
/// backplane; the event id makes a redelivered event a no-op. Delivery is still at least once (a replica that dies
/// after pushing but before recording the event id pushes again on redelivery): clients drop a seq they hold.
/// </summary>
public sealed class MessageCreatedHandler(IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub)
    : IIntegrationEventHandler<MessageCreated>
{
    public async Task HandleAsync(MessageCreated @event, CancellationToken cancellationToken)
    {
        var members = await conversations.ListMembersAsync(@event.Message.ConversationId, cancellationToken);
        // A new message has no reactions yet, so every member sees the same message.
        await hub.Clients.Users(members.Select(m => m.UserId).ToList()).MessageCreated(@event.Message.ToDto(@event.Message.SenderId));
    }
}
