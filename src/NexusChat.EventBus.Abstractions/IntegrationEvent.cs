namespace NexusChat.EventBus.Abstractions;

/// <summary>
/// Something that happened in one service that others may react to. The id is what consumers deduplicate on,
/// so a republished event (outbox retry, broker redelivery) must keep it; version 7 so ids sort by creation time.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset CreationDate { get; init; } = DateTimeOffset.UtcNow;
}
