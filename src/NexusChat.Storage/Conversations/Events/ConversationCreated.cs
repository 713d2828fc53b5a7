using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record ConversationCreated(ConversationRecord Conversation, IReadOnlyList<MemberRecord> Members) : IntegrationEvent;
