namespace NexusChat.Realtime.Connections;

/// <summary>
/// How many hub connections one user, and one client address, may hold across all replicas (section
/// <c>ConnectionLimits</c>). A connection counts until it closes, or until <see cref="Lease"/> after its replica last
/// renewed it (a crashed replica's connections stop counting by themselves).
/// </summary>
public sealed class ConnectionLimitOptions
{
    public const string Section = "ConnectionLimits";

    /// <summary>Browser tabs, phones and desktop apps of one person; far above what anyone opens by hand.</summary>
    public int PerUser { get; set; } = 20;

    /// <summary>Per address (IPv6: per /64): an office behind one NAT has many users, so this is much higher.</summary>
    public int PerAddress { get; set; } = 500;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}
