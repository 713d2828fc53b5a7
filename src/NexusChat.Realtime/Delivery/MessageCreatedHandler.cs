using NexusChat.Conversations.Live;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// The backstop for new messages: the replica that stored a message pushed it to the conversation's group right after
/// the commit (<see cref="LivePush"/>); this pushes only what that missed (the replica died in between, or Redis
/// failed the push), so members get each message once in the normal case. One realtime replica handles each event
/// (competing consumers on the realtime queue).
/// </summary>
public sealed class MessageCreatedHandler(LivePush live, LiveMarkers markers) : IIntegrationEventHandler<MessageCreated>
{
    public async Task HandleAsync(MessageCreated @event, CancellationToken cancellationToken)
    {
        var message = @event.Message;
        if (!await markers.WasPushedAsync(LiveMarkers.ForMessage(message.ConversationId, message.Version), @event.CreationDate, cancellationToken))
        {
            await live.MessageCreatedAsync(message, @event.ThreadRoot);
        }
    }
}
