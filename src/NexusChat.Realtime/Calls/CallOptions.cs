using NexusChat.Identity.RateLimiting;

namespace NexusChat.Realtime.Calls;

/// <summary>The clocks and limits of calls (section <c>Calls</c>).</summary>
public sealed class CallOptions
{
    public const string Section = "Calls";

    /// <summary>How long the invited are rung before the call counts as missed.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a participant stays in the call without their replica renewing them: a replica crash or a lost network
    /// drops them after this, and a client that reconnects to another replica within it keeps its place.
    /// </summary>
    public TimeSpan ParticipantTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a replica renews the participants connected to it (a third of the timeout leaves two misses).</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each replica looks for missed calls and lost participants.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a call's state outlives the last renewal (all its replicas gone).</summary>
    public TimeSpan StateTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls one user may start (<c>StartCall</c>, over all their devices and the replicas); see <see cref="CallStartLimit"/>.</summary>
    public RateLimit StartsPerUser { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>The most calls one sweep looks at (oldest first); far above what one cluster of this size holds at once.</summary>
    public int SweepBatch { get; set; } = 10_000;
}
