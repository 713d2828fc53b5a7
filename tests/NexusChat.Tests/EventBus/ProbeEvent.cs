using NexusChat.EventBus.Abstractions;

namespace NexusChat.Tests.EventBus;

public sealed record ProbeEvent(Guid ConversationId, string Text) : IntegrationEvent;
