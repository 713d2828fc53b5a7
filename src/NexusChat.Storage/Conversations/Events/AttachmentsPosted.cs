using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>
/// A new message carries files that still need a preview. Written beside <see cref="MessageCreated"/> in the same
/// transaction, only for such messages, so the worker's previews queue receives those and not every message: when it
/// subscribed to MessageCreated, RabbitMQ and the worker handled a second copy of each send (measured: the live path's
/// p99 doubled at 100 msg/s, bench/README.md).
/// </summary>
public sealed record AttachmentsPosted(MessageRecord Message) : IntegrationEvent
{
    /// <summary>Whether a stored message needs this event: an attachment whose preview is still pending.</summary>
    public static bool IsNeededFor(MessageRecord message) =>
        message.Attachments.Any(a => a.Preview.State == Contracts.Conversations.PreviewStates.Pending);
}
