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

    /// <summary>Longest wait between attempts while the broker or the store fails; the wait doubles up to it.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
