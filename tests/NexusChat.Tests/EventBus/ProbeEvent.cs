using NexusChat.EventBus.Events;

namespace NexusChat.Tests.EventBus;

public sealed record ProbeEvent(Guid ConversationId, string Text) : IntegrationEvent;
