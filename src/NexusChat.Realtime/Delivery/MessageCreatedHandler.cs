using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Groups;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// Pushes a stored message to its conversation's group: one backplane publish, and every replica sends it to its own
/// connections of the members. One realtime replica handles each event (competing consumers on the realtime queue);
/// the event id makes a redelivered event a no-op. Delivery is still at least once (a replica that dies after
/// pushing but before recording the event id pushes again on redelivery): clients drop a seq they hold.
/// </summary>
public sealed class MessageCreatedHandler(IHubContext<ChatHub, IChatClient> hub) : IIntegrationEventHandler<MessageCreated>
{
    // A new message has no reactions yet, so every member sees the same message.
    public Task HandleAsync(MessageCreated @event, CancellationToken cancellationToken) =>
        hub.Clients.Group(ConversationGroups.Of(@event.Message.ConversationId)).MessageCreated(@event.Message.ToDto(@event.Message.SenderId));
}
