using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>A member muted or unmuted a conversation; only that member's devices hear of it.</summary>
public sealed record MemberMuteChanged(MemberRecord Member) : IntegrationEvent;
