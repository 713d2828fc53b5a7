namespace NexusChat.Realtime.Presence;

/// <summary>
/// How presence survives a replica that dies without saying goodbye: every replica renews its connections every
/// <see cref="HeartbeatInterval"/>; a connection not renewed within <see cref="Ttl"/> no longer counts, and every
/// replica sweeps for such users every <see cref="SweepInterval"/>. A crashed replica's users therefore go offline
/// within Ttl + SweepInterval (17 s by default; the product promise is 30 s).
/// </summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Users whose presence one sweep recomputes at most; the rest wait for the next sweep.</summary>
    public int SweepBatch { get; set; } = 500;
}
