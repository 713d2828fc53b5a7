using NexusChat.Identity.RateLimiting;

namespace NexusChat.Api.Status;

/// <summary>How <c>GET /api/status</c> protects the dependencies it reports on (section <c>Status</c>).</summary>
public sealed class StatusOptions
{
    public const string Section = "Status";

    /// <summary>How long one probe round answers every caller of this replica.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Requests per client address (its /64 for IPv6) on one replica.</summary>
    public RateLimit PerAddress { get; set; } = new(30, TimeSpan.FromSeconds(10));
}
