namespace NexusChat.Storage.Conversations.Events;

public sealed record ReadStateChanged(string ConversationId, string UserId, long LastReadSeq) : ConversationEvent;
