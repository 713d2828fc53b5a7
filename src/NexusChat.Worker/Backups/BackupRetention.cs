using System.Globalization;

namespace NexusChat.Worker.Backups;

/// <summary>The backups folder: complete backups by name (their period's start, so names sort by time) and pruning.</summary>
public static class BackupRetention
{
    private const string NameFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string NameFor(DateTimeOffset periodStart) =>
        periodStart.UtcDateTime.ToString(NameFormat, CultureInfo.InvariantCulture);

    /// <summary>Complete backups (a backup's folder gets its name only once complete), newest first.</summary>
    public static IReadOnlyList<string> Complete(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Where(folder => DateTime.TryParseExact(Path.GetFileName(folder), NameFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
                .OrderByDescending(folder => Path.GetFileName(folder), StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>
    /// Deletes complete backups past the newest <paramref name="keep"/>, and temporary folders untouched for
    /// <paramref name="abandonedAfter"/> (a worker died while writing them; one still being written is touched often).
    /// </summary>
    public static IReadOnlyList<string> Prune(string root, int keep, TimeSpan abandonedAfter, DateTimeOffset now)
    {
        var deleted = Complete(root).Skip(keep).ToList();
        deleted.AddRange(Directory.EnumerateDirectories(root, BackupWriter.IncompletePrefix + "*")
            .Where(folder => Directory.GetLastWriteTimeUtc(folder) < (now - abandonedAfter).UtcDateTime));
        foreach (var folder in deleted)
        {
            Directory.Delete(folder, recursive: true);
        }

        return deleted;
    }
}
