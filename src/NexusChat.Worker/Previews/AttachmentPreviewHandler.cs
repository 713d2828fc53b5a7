using NexusChat.Contracts.Conversations;
using NexusChat.Conversations.Live;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Worker.Previews;

/// <summary>
/// Gives each pending attachment of a new message its preview and stores it on the message, which members then see
/// as <c>MessageUpdated</c>: pushed live from here right after the commit, with realtime's handler of the outbox event
/// as the backstop (<see cref="LiveMarkers"/>), as the api does for edits. The message is read again first: a message
/// deleted meanwhile is skipped, and an attachment a previous run already settled is not processed again, so a
/// redelivered event changes nothing.
/// </summary>
public sealed class AttachmentPreviewHandler(IConversationStore conversations, AttachmentPreviewer previewer, LivePush live)
    : IIntegrationEventHandler<AttachmentsPosted>
{
    public async Task HandleAsync(AttachmentsPosted @event, CancellationToken cancellationToken)
    {
        var message = await conversations.GetMessageAsync(@event.Message.ConversationId, @event.Message.Id, cancellationToken);
        foreach (var attachment in message is { Deleted: false } ? message.Attachments.Where(IsPending) : [])
        {
            var preview = await previewer.PreviewAsync(attachment, cancellationToken);
            var changed = await conversations.SetAttachmentPreviewAsync(
                message!.ConversationId, message.Id, attachment.FileId, preview, cancellationToken);
            if (changed is null || changed.Deleted)
            {
                return;
            }

            if (changed.Version != message.Version)
            {
                await live.AfterCommitAsync(push => push.MessageChangedAsync(changed, CancellationToken.None), "attachment-preview");
            }

            message = changed;
        }
    }

    private static bool IsPending(AttachmentRecord attachment) => attachment.Preview.State == PreviewStates.Pending;
}
