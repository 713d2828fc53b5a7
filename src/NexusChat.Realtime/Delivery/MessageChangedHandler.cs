using NexusChat.Conversations.Live;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// The backstop for edits, deletes (tombstones), reaction changes, attachment previews (from the worker) and call
/// history updates: pushed as <c>MessageUpdated</c> to each member
/// (as they see it) unless the replica that made the change already did (<see cref="LiveMarkers"/>).
/// </summary>
public sealed class MessageChangedHandler(LivePush live, LiveMarkers markers)
    : IIntegrationEventHandler<MessageEdited>, IIntegrationEventHandler<MessageDeleted>, IIntegrationEventHandler<ReactionChanged>,
        IIntegrationEventHandler<AttachmentPreviewChanged>, IIntegrationEventHandler<MessageCallChanged>
{
    public Task HandleAsync(MessageEdited @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Message, @event.CreationDate, cancellationToken);

    public Task HandleAsync(MessageDeleted @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Message, @event.CreationDate, cancellationToken, @event.ThreadRoot);

    public Task HandleAsync(ReactionChanged @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Message, @event.CreationDate, cancellationToken);

    public Task HandleAsync(AttachmentPreviewChanged @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Message, @event.CreationDate, cancellationToken);

    public Task HandleAsync(MessageCallChanged @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Message, @event.CreationDate, cancellationToken);

    private async Task PushAsync(
        MessageRecord message, DateTimeOffset happenedAt, CancellationToken cancellationToken, MessageRecord? threadRoot = null)
    {
        if (!await markers.WasPushedAsync(LiveMarkers.ForMessage(message.ConversationId, message.Version), happenedAt, cancellationToken))
        {
            await live.MessageChangedAsync(message, cancellationToken, threadRoot);
        }
    }
}
