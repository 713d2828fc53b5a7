using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record ConversationUpdated(ConversationRecord Conversation) : IntegrationEvent;
