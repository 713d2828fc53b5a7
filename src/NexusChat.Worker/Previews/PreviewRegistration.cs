using NexusChat.Conversations.Live;
using NexusChat.EventBus.Configuration;
using NexusChat.Storage.Conversations.Events;
using NexusChat.Storage.Files;

namespace NexusChat.Worker.Previews;

public static class PreviewRegistration
{
    /// <summary>
    /// Previews of attached files: the attachments of every new message that has some (<see cref="AttachmentsPosted"/>), from the worker's own queue with the bus's retries
    /// and parking lot. Needs the file store (the files and their thumbnails) and the live push (SignalR's Redis
    /// backplane) beside the chat store; call after <c>AddChatStore</c>.
    /// </summary>
    public static EventBusBuilder AddAttachmentPreviews(this EventBusBuilder bus, IHostApplicationBuilder builder)
    {
        builder.AddFileStore();
        builder.AddLiveDelivery();
        builder.Services.AddSingleton<PreviewCache>();
        builder.Services.AddSingleton<PreviewMetrics>();
        builder.Services.AddSingleton<AttachmentPreviewer>();
        return bus.AddSubscription<AttachmentsPosted, AttachmentPreviewHandler>();
    }
}
