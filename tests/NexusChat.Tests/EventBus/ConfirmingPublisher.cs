using NexusChat.EventBus.Publishing;

namespace NexusChat.Tests.EventBus;

/// <summary>A broker that confirms every publish at once, recording the event ids in the order they came.</summary>
internal sealed class ConfirmingPublisher : IEventPublisher
{
    private readonly Lock _gate = new();
    private readonly List<Guid> _published = [];

    public IReadOnlyList<Guid> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(Guid eventId, string eventType, ReadOnlyMemory<byte> body, DateTimeOffset createdAt, string? traceParent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _published.Add(eventId);
        }

        return Task.CompletedTask;
    }
}
