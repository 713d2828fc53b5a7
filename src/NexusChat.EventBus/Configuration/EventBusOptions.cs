namespace NexusChat.EventBus.Configuration;

/// <summary>Settings of one service's bus, bound from the "EventBus" configuration section.</summary>
public sealed class EventBusOptions
{
    public const string SectionName = "EventBus";

    /// <summary>Names the service's queues (<c>nexuschat.&lt;subscriber&gt;</c>); set by <c>AddEventBus</c>.</summary>
    public string SubscriberName { get; set; } = "";

    /// <summary>Handler runs per message, the first included, before it is parked.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the second attempt; each later one doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Unacknowledged messages the broker hands this consumer at once; bounds memory and redelivery after a crash.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Handlers running at once on this consumer (at most <see cref="PrefetchCount"/> are in hand). 1 keeps the broker's
    /// order; more lets a subscriber whose handlers mostly wait on I/O (realtime: a store read, then backplane
    /// publishes) keep up with a busy conversation, at the price of order, which its clients restore by seq.
    /// </summary>
    public ushort ConsumerConcurrency { get; set; } = 1;

    /// <summary>
    /// How long a handled event id is remembered. Longer than any republish window (outbox retries, parking-lot
    /// replays) so a late duplicate is still recognised.
    /// </summary>
    public TimeSpan ProcessedEventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest wait for a publisher confirm; a connection lost mid-publish must not hang the caller.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a service with the dead-letter office (the worker) counts every parking lot for the parked-events gauge.</summary>
    public TimeSpan ParkedCountInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, failedAttempts - 1);
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
