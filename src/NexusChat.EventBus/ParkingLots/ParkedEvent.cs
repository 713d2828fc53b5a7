using NexusChat.EventBus.Topology;
using RabbitMQ.Client;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>One parked message as an operator sees it: which event, why it was parked, and how often it failed when.</summary>
/// <param name="Attempts">Handler runs that failed before it was parked.</param>
public sealed record ParkedEvent(
    string? EventId,
    string? EventType,
    string Reason,
    int Attempts,
    DateTimeOffset? FirstFailureAt,
    DateTimeOffset? LastFailureAt)
{
    internal static ParkedEvent From(IReadOnlyBasicProperties properties)
    {
        var headers = properties.Headers;
        return new ParkedEvent(
            properties.MessageId,
            properties.Type,
            ReasonOf(headers),
            MessageHeaders.RetryCount(headers),
            MessageHeaders.Time(headers, MessageHeaders.FirstFailureAt),
            MessageHeaders.Time(headers, MessageHeaders.LastFailureAt));
    }

    /// <summary>
    /// The subscriber writes the reason when it parks a message; a message the broker dead-lettered itself (its
    /// consumer died <see cref="EventBusTopology.DeliveryLimit"/> times, or the reasoned copy could not be published)
    /// has only the broker's reason and the last handler error, if any.
    /// </summary>
    internal static string ReasonOf(IDictionary<string, object?>? headers)
    {
        if (MessageHeaders.Text(headers, MessageHeaders.ParkedReason) is { } reason)
        {
            return reason;
        }

        var brokerReason = MessageHeaders.Text(headers, "x-first-death-reason") ?? "unknown";
        var lastError = MessageHeaders.Text(headers, MessageHeaders.LastError);
        return brokerReason == "delivery_limit"
            ? $"Its consumer stopped without settling it {EventBusTopology.DeliveryLimit} times" + (lastError is null ? "" : $"; last handler error: {lastError}")
            : $"Dead-lettered by the broker ({brokerReason})" + (lastError is null ? "" : $"; last handler error: {lastError}");
    }
}
