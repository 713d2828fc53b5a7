using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record MessageCreated(MessageRecord Message) : IntegrationEvent;
