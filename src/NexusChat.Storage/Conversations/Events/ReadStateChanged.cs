using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record ReadStateChanged(string ConversationId, string UserId, long LastReadSeq) : IntegrationEvent;
