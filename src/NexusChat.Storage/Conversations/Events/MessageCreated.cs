using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <param name="ThreadRoot">For a thread reply: its root as the same write left it (the reply counted in its summary).</param>
public sealed record MessageCreated(MessageRecord Message, MessageRecord? ThreadRoot = null) : IntegrationEvent;
