using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>Carries the tombstone, so a consumer learns the seq and version of what was deleted.</summary>
public sealed record MessageDeleted(MessageRecord Message) : IntegrationEvent;
