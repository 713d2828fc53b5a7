using NexusChat.EventBus.Events;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

// The store's events as the bus delivers them: same names, so the same routing keys and bodies.

public sealed record MessageCreated(MessageRecord Message) : IntegrationEvent;

public sealed record MessageEdited(MessageRecord Message) : IntegrationEvent;

public sealed record MessageDeleted(MessageRecord Message) : IntegrationEvent;

public sealed record ReactionChanged(MessageRecord Message, string UserId, string Emoji, bool Added) : IntegrationEvent;

public sealed record ReadStateChanged(string ConversationId, string UserId, long LastReadSeq) : IntegrationEvent;
