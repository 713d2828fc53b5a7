using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>A call's history message now says more (answered, joined, ended); members see it as the message updated.</summary>
public sealed record MessageCallChanged(MessageRecord Message) : IntegrationEvent;
