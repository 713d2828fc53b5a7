namespace NexusChat.Storage.Conversations.Events;

public sealed record ConversationUpdated(ConversationRecord Conversation) : ConversationEvent;
