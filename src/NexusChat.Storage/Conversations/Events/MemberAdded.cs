namespace NexusChat.Storage.Conversations.Events;

public sealed record MemberAdded(MemberRecord Member) : ConversationEvent;
