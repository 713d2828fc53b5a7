using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>The worker processed one of the message's files; members see it as the message updated.</summary>
public sealed record AttachmentPreviewChanged(MessageRecord Message, string FileId) : IntegrationEvent;
