using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record MemberAdded(MemberRecord Member) : IntegrationEvent;
