using NexusChat.EventBus.Abstractions;

namespace NexusChat.Storage.Conversations.Events;

/// <summary>One user's reaction was added or removed; <paramref name="Message"/> carries every reaction after the change.</summary>
public sealed record ReactionChanged(MessageRecord Message, string UserId, string Emoji, bool Added) : IntegrationEvent;
