using NexusChat.EventBus.Events;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Delivery;

// The store's conversation events as the bus delivers them: same names, so the same routing keys and bodies.

public sealed record ConversationCreated(ConversationRecord Conversation, IReadOnlyList<MemberRecord> Members) : IntegrationEvent;

public sealed record ConversationUpdated(ConversationRecord Conversation) : IntegrationEvent;

public sealed record MemberAdded(MemberRecord Member) : IntegrationEvent;

public sealed record MemberRemoved(string ConversationId, string UserId) : IntegrationEvent;

public sealed record MemberRoleChanged(MemberRecord Member) : IntegrationEvent;
