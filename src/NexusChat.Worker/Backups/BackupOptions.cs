namespace NexusChat.Worker.Backups;

/// <summary>Scheduled backups of the embedded store (section <c>NexusChat:Backup</c>); every worker must read the same values.</summary>
public sealed class BackupOptions
{
    public const string Section = "NexusChat:Backup";

    /// <summary>Off only where something else backs the store up (a volume snapshot); MongoDB is never backed up here.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where backups go; by default a <c>backups</c> folder beside the store's database file.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Time between backups. Backups fall on multiples of it since the Unix epoch (hourly: on the hour), so workers
    /// agree on which backup is due without talking, and a worker that starts in a period with none takes it at once.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Complete backups kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 24;
}
