using System.Text;

namespace NexusChat.EventBus.Topology;

/// <summary>
/// What a message carries between its trips through the retry queues and into the parking lot: its attempt count and
/// the history of its failures, which is what an operator reads about a parked event.
/// </summary>
internal static class MessageHeaders
{
    public const string FirstFailureAt = "x-first-failure-at";
    public const string LastFailureAt = "x-last-failure-at";
    public const string LastError = "x-last-error";
    public const string ParkedReason = "x-parked-reason";

    // Long enough for an exception's type and message, short enough that a parked message does not carry a stack.
    private const int MaxTextLength = 1_000;

    // Every dead-letter hop appends to x-death and quorum queues count redeliveries; x-retry-count is the one we trust,
    // and dropping the rest keeps a message from growing with each retry.
    private static readonly string[] BrokerHistoryPrefixes = ["x-death", "x-first-death-", "x-last-death-", "x-delivery-count"];

    private static readonly string[] FailureHistory = [FirstFailureAt, LastFailureAt, LastError, ParkedReason];

    public static int RetryCount(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue(EventBusTopology.RetryCountHeader, out var value) ? AsInt(value) ?? 0 : 0;

    /// <summary>The headers to send a message on with (trace context included), its attempt count set to <paramref name="retryCount"/>.</summary>
    public static Dictionary<string, object?> WithRetryCount(IDictionary<string, object?>? headers, int retryCount)
    {
        var copy = Without(headers, BrokerHistoryPrefixes);
        copy[EventBusTopology.RetryCountHeader] = retryCount;
        return copy;
    }

    /// <summary>The headers after the <paramref name="failedAttempts"/>th failure: the first failure's time is kept, the last one's replaced.</summary>
    public static Dictionary<string, object?> WithFailure(IDictionary<string, object?>? headers, int failedAttempts, string error, DateTimeOffset at)
    {
        var copy = WithRetryCount(headers, failedAttempts);
        var now = at.ToUnixTimeMilliseconds();
        copy.TryAdd(FirstFailureAt, now);
        copy[LastFailureAt] = now;
        copy[LastError] = Truncate(error);
        return copy;
    }

    /// <summary>A replayed message starts over: no attempts, no failure history.</summary>
    public static Dictionary<string, object?> ForReplay(IDictionary<string, object?>? headers)
    {
        var copy = WithRetryCount(headers, 0);
        foreach (var name in FailureHistory)
        {
            copy.Remove(name);
        }

        return copy;
    }

    public static string? Text(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    public static DateTimeOffset? Time(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) && AsLong(value) is { } milliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    public static string Truncate(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];

    private static Dictionary<string, object?> Without(IDictionary<string, object?>? headers, string[] prefixes) =>
        headers is null
            ? []
            : headers.Where(h => !prefixes.Any(prefix => h.Key.StartsWith(prefix, StringComparison.Ordinal))).ToDictionary(h => h.Key, h => h.Value);

    private static int? AsInt(object? value) => AsLong(value) is { } number ? (int)number : null;

    private static long? AsLong(object? value) => value switch
    {
        long number => number,
        int number => number,
        short number => number,
        byte number => number,
        _ => null,
    };
}
