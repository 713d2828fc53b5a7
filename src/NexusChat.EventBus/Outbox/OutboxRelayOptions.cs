namespace NexusChat.EventBus.Outbox;

/// <summary>Settings of the outbox relay, bound from the "EventBus:Outbox" configuration section.</summary>
public sealed class OutboxRelayOptions
{
    public const string SectionName = "EventBus:Outbox";

    public int BatchSize { get; set; } = 100;

    /// <summary>Wait between polls when nothing is pending.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A Redis pub/sub channel on which writers announce new outbox rows; when set (and Redis is registered) the relay
    /// wakes on it instead of sleeping out <see cref="PollInterval"/>, which then only backs up a lost signal.
    /// </summary>
    public string? WakeChannel { get; set; }

    /// <summary>
    /// How long the relay lease lasts unrenewed: the longest a killed worker's relay holds up publishing before a standby
    /// worker takes over (plus up to <see cref="LeaseRenewInterval"/> until the standby asks again).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the holder renews the lease and a standby asks for it; well under <see cref="LeaseDuration"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts while the broker or the store fails; the wait doubles up to it.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest time a confirmed message waits to be marked published. Marks are one write for everything confirmed
    /// since the last one, rather than one per batch, because on the embedded store each write takes the lock every
    /// send needs; the price is that a relay dying in between publishes up to this much again (consumers drop it).
    /// </summary>
    public TimeSpan MarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Confirmed messages at which the relay marks at once, whatever <see cref="MarkInterval"/> says: bounds its memory and the rows each poll reads again.</summary>
    public int MaxUnmarked { get; set; } = 1000;

    /// <summary>
    /// How long a published message stays in the outbox before <see cref="OutboxPurge"/> deletes it. Events carry
    /// message text (a created or edited message), so this also bounds how long text a user edited or deleted stays
    /// stored; a message not yet published stays however old it is.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Wait between purges.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows one purge write deletes; a purge takes as many writes as it needs, each one short.</summary>
    public int PurgeBatchSize { get; set; } = 500;
}
