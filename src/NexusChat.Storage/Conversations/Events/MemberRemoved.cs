using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record MemberRemoved(string ConversationId, string UserId) : IntegrationEvent;
