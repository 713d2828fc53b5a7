namespace NexusChat.EventBus.Topology;

/// <summary>The attempt count a message carries between its trips through the retry queues.</summary>
internal static class MessageHeaders
{
    // Every dead-letter hop appends to x-death and quorum queues count redeliveries; x-retry-count is the one we trust,
    // and dropping the rest keeps a message from growing with each retry.
    private static readonly string[] BrokerHistoryPrefixes = ["x-death", "x-first-death-", "x-last-death-", "x-delivery-count"];

    public static int RetryCount(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue(EventBusTopology.RetryCountHeader, out var value)
            ? value switch
            {
                int count => count,
                long count => (int)count,
                short count => count,
                byte count => count,
                _ => 0,
            }
            : 0;

    /// <summary>The headers to send a message on with (trace context included), its attempt count set to <paramref name="retryCount"/>.</summary>
    public static Dictionary<string, object?> WithRetryCount(IDictionary<string, object?>? headers, int retryCount)
    {
        var copy = headers is null
            ? []
            : headers.Where(h => !BrokerHistoryPrefixes.Any(prefix => h.Key.StartsWith(prefix, StringComparison.Ordinal)))
                .ToDictionary(h => h.Key, h => h.Value);
        copy[EventBusTopology.RetryCountHeader] = retryCount;
        return copy;
    }
}
