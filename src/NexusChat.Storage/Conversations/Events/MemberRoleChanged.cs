using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

public sealed record MemberRoleChanged(MemberRecord Member) : IntegrationEvent;
