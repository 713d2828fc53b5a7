using System.Text.Json;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Files;
using StackExchange.Redis;

namespace NexusChat.Worker.Backups;

/// <summary>
/// Takes one backup into its own folder: the store's online copy, the files index from Redis, a copy of every file the
/// store's copy refers to, and the manifest. Everything is written under a temporary name that no reader takes for a
/// backup, and renamed to the backup's name once complete, so a backup folder is whole or absent.
/// </summary>
public sealed class BackupWriter(SqliteConnectionFactory store, IFileStore files, IConnectionMultiplexer redis, TimeProvider time)
{
    public const string IncompletePrefix = ".incomplete-";
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    public async Task<BackupManifest> TakeAsync(string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetDirectoryName(folder)!;
        var incomplete = Path.Combine(root, $"{IncompletePrefix}{Path.GetFileName(folder)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(incomplete);
        try
        {
            var startedAt = time.GetUtcNow();
            var database = Path.Combine(incomplete, BackupManifest.StoreFileName);
            await StoreSnapshot.CopyAsync(store, database, cancellationToken);
            var indexed = await FilesIndexSnapshot.SaveAsync(redis, Path.Combine(incomplete, BackupManifest.FilesIndexFileName), cancellationToken);
            var contents = await StoreSnapshot.ReadAsync(database, cancellationToken);
            var (copied, missing) = await CopyFilesAsync(contents.Files, Path.Combine(incomplete, BackupManifest.FilesFolder), cancellationToken);

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, startedAt, time.GetUtcNow(), contents.SchemaVersion,
                contents.Messages, contents.LastMessagePk, contents.LastOutboxPk, contents.LastSeqs, copied, indexed)
            {
                MissingFiles = missing,
            };
            await File.WriteAllTextAsync(Path.Combine(incomplete, BackupManifest.FileName),
                JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);

            // Throws when the folder exists: another worker completed this backup first, and its copy stands.
            Directory.Move(incomplete, folder);
            return manifest;
        }
        catch
        {
            Directory.Delete(incomplete, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Copies each referenced file through the backup's own file store, which hashes what it writes: a file whose
    /// bytes no longer match its key fails the backup rather than being saved as good.
    /// </summary>
    private async Task<(List<BackupFile> Copied, List<string> Missing)> CopyFilesAsync(
        IEnumerable<string> sha256s, string target, CancellationToken cancellationToken)
    {
        var copies = new FilesystemFileStore(target);
        var copied = new List<BackupFile>();
        var missing = new List<string>();
        foreach (var sha256 in sha256s)
        {
            await using var source = await files.OpenReadAsync(sha256, 0, null, cancellationToken);
            if (source is null)
            {
                missing.Add(sha256);
                continue;
            }

            var stored = await copies.PutAsync(source, cancellationToken);
            if (stored.Sha256 != sha256)
            {
                throw new InvalidDataException($"the stored file {sha256} no longer has that content (it hashes to {stored.Sha256})");
            }

            copied.Add(new BackupFile(sha256, stored.Size));
        }

        return (copied, missing);
    }
}
