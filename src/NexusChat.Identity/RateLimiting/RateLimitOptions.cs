namespace NexusChat.Identity.RateLimiting;

/// <summary>Limits shared by all replicas (section <c>RateLimits</c>); each is "count per window".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimit LoginPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Wrong passwords for one username from one address; beyond them that address gets 429 for that name.</summary>
    public RateLimit LoginFailuresPerUsernameAndAddress { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>
    /// Wrong passwords for one username from anywhere that cost nothing; each one beyond adds
    /// <see cref="LoginSlowdownStep"/> (at most <see cref="LoginSlowdownMax"/>) to every sign-in as that username.
    /// </summary>
    public RateLimit LoginFailuresPerUsernameBeforeSlowdown { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public TimeSpan LoginSlowdownStep { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan LoginSlowdownMax { get; set; } = TimeSpan.FromSeconds(3);
    public RateLimit RegistrationPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));
    public RateLimit ApiPerUser { get; set; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Upload chunks (tus <c>PATCH</c> and <c>HEAD</c> on an upload) of one user, counted apart from
    /// <see cref="ApiPerUser"/>: a 4 GiB file in 5 MiB chunks is 820 requests, more than the whole REST allowance.
    /// 6,000 a minute still lets 1 MiB chunks run at 100 MB/s while bounding the fsyncs and lock round trips one
    /// user can cause.
    /// </summary>
    public RateLimit UploadChunksPerUser { get; set; } = new(6000, TimeSpan.FromMinutes(1));
    public RateLimit HubInvocationsPerConnection { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Over all of one user's connections on a replica: a few busy devices, not the connection cap times the above.</summary>
    public RateLimit HubInvocationsPerUser { get; set; } = new(300, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Call signals (<c>SendCallSignal</c>) of one connection, counted apart from the hub calls above: a 6-person mesh
    /// trickles tens of ICE candidates to each of 5 peers within a second, and an ICE restart does it again.
    /// </summary>
    public RateLimit CallSignalsPerConnection { get; set; } = new(600, TimeSpan.FromMinutes(1));
}
