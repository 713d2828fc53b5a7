using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record MessageEdited(MessageRecord Message) : IntegrationEvent;
