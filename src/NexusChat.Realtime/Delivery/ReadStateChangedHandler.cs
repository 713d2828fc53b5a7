using NexusChat.Conversations.Live;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// The backstop for read positions (all of the reader's devices learn it, so badges clear everywhere), unless the
/// replica that moved it already pushed it (<see cref="LiveMarkers"/>).
/// </summary>
public sealed class ReadStateChangedHandler(LivePush live, LiveMarkers markers) : IIntegrationEventHandler<ReadStateChanged>
{
    public async Task HandleAsync(ReadStateChanged @event, CancellationToken cancellationToken)
    {
        var marker = LiveMarkers.ForReadState(@event.ConversationId, @event.UserId, @event.LastReadSeq);
        if (!await markers.WasPushedAsync(marker, @event.CreationDate, cancellationToken))
        {
            await live.ReadStateChangedAsync(@event.ConversationId, @event.UserId, @event.LastReadSeq);
        }
    }
}
