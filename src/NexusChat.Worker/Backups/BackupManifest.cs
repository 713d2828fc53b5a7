namespace NexusChat.Worker.Backups;

/// <summary>
/// What a backup holds (<c>manifest.json</c> in its folder), read back by restore: when it was taken, the store's
/// high-water marks in the copy, and every file the copy refers to (attachments and their thumbnails) with its size.
/// </summary>
/// <param name="LastSeqs">Each conversation's last seq in the copy: its messages are exactly 1..last seq.</param>
/// <param name="LastMessagePk">The highest message row in the copy (messages are numbered in commit order).</param>
/// <param name="LastOutboxPk">The highest outbox row in the copy: events after it were not yet recorded when it was taken.</param>
/// <param name="IndexedFiles">Completed uploads recorded in Redis (<c>files-index.json</c>), attached or not.</param>
public sealed record BackupManifest(
    int FormatVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    int SchemaVersion,
    long Messages,
    long LastMessagePk,
    long LastOutboxPk,
    IReadOnlyDictionary<string, long> LastSeqs,
    IReadOnlyList<BackupFile> Files,
    int IndexedFiles)
{
    /// <summary>Files the store refers to that the file storage no longer had when the backup was taken.</summary>
    public IReadOnlyList<string> MissingFiles { get; init; } = [];

    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string StoreFileName = "nexuschat.db";
    public const string FilesFolder = "files";
    public const string FilesIndexFileName = "files-index.json";
}

/// <summary>One file a backup refers to, by its content key.</summary>
public sealed record BackupFile(string Sha256, long Size);
