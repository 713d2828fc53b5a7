using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Hubs;

namespace NexusChat.Realtime.Delivery;

/// <summary>A read position moved (through REST or the hub): all of that user's devices learn it, so badges clear everywhere.</summary>
public sealed class ReadStateChangedHandler(IHubContext<ChatHub, IChatClient> hub) : IIntegrationEventHandler<ReadStateChanged>
{
    public Task HandleAsync(ReadStateChanged @event, CancellationToken cancellationToken) =>
        hub.Clients.User(@event.UserId).ReadStateChanged(new ReadStateDto(@event.ConversationId, @event.UserId, @event.LastReadSeq));
}
