namespace NexusChat.Api.Uploads;

/// <summary>Limits of resumable uploads (section <c>Uploads</c>); every replica must read the same values.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest file, in bytes (Tus-Max-Size); a larger Upload-Length is refused before any byte is sent.</summary>
    public long MaxSize { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Uploads one user may have in progress at once.</summary>
    public int MaxConcurrentPerUser { get; set; } = 5;

    /// <summary>
    /// Bytes one user may hold: completed files plus the full announced length of uploads in progress, so the quota is
    /// checked when an upload is created rather than when its storage is already spent.
    /// </summary>
    public long QuotaPerUser { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>How long an upload may sit without a chunk before it is abandoned (each chunk starts it again).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each replica looks for abandoned uploads to delete.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);
}
