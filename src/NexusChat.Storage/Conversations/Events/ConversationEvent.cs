namespace NexusChat.Storage.Conversations.Events;

/// <summary>
/// An integration event about a conversation, eShop style: a record with an id consumers deduplicate by and the
/// time it happened. The store writes it to the outbox in the same write as the change it describes.
/// </summary>
public abstract record ConversationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public DateTimeOffset CreationDate { get; init; } = DateTimeOffset.UtcNow;
}
