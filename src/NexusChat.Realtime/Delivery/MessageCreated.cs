using NexusChat.EventBus.Events;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

/// <summary>The store's MessageCreated event as the bus delivers it (same name, so same routing key and body).</summary>
public sealed record MessageCreated(MessageRecord Message) : IntegrationEvent;
