using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>Carries the tombstone, so a consumer learns the seq and version of what was deleted.</summary>
/// <param name="ThreadRoot">For a deleted thread reply: its root as the same write left it (one reply fewer).</param>
public sealed record MessageDeleted(MessageRecord Message, MessageRecord? ThreadRoot = null) : IntegrationEvent;
