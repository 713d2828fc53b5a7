using System.Text.Json;
using NexusChat.Storage.Files;
using StackExchange.Redis;

namespace NexusChat.Worker.Backups;

/// <summary>
/// <c>NexusChat.Worker restore &lt;backup-folder&gt; &lt;fresh-data-dir&gt; [--redis &lt;connection-string&gt;]</c>: checks a backup
/// (the copy passes <c>PRAGMA integrity_check</c>, every file in the manifest is there with its content) and lays it out
/// as a data directory the AppHost takes (<c>NexusChat:DataDirectory</c>): <c>nexuschat.db</c> and
/// <c>files/completed</c>. It only ever writes into an empty or new folder, so it cannot overwrite a live store. The files
/// index goes back into Redis when a connection string is given (else only uploads completed and never sent are lost).
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";
    private const string Usage = "usage: restore <backup-folder> <fresh-data-dir> [--redis <connection-string>]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (backup, target, redis) = args switch
        {
            [var from, var to] => (from, to, null),
            [var from, var to, "--redis", var connection] => (from, to, (string?)connection),
            _ => (null, null, null),
        };
        if (backup is null || target is null)
        {
            await error.WriteLineAsync(Usage);
            return 64;
        }

        try
        {
            await RestoreAsync(Path.GetFullPath(backup), Path.GetFullPath(target), redis, output, CancellationToken.None);
            return 0;
        }
        catch (RestoreRefusedException refused)
        {
            await error.WriteLineAsync($"restore refused: {refused.Message}");
            return 1;
        }
    }

    public static async Task RestoreAsync(string backup, string target, string? redis, TextWriter output, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new RestoreRefusedException($"{target} is not empty; restore only into a new or empty folder.");
        }

        var manifestPath = Path.Combine(backup, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new RestoreRefusedException($"{backup} has no {BackupManifest.FileName}: not a complete backup.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken))!;
        if (manifest.FormatVersion != BackupManifest.CurrentFormat)
        {
            throw new RestoreRefusedException($"backup format {manifest.FormatVersion}; this build restores format {BackupManifest.CurrentFormat}.");
        }

        var database = Path.Combine(backup, BackupManifest.StoreFileName);
        var integrity = File.Exists(database) ? await StoreSnapshot.CheckIntegrityAsync(database, cancellationToken) : "the database file is missing";
        if (integrity != "ok")
        {
            throw new RestoreRefusedException($"the backup's store fails its integrity check: {integrity}");
        }

        Directory.CreateDirectory(target);
        try
        {
            await RestoreFilesAsync(manifest, Path.Combine(backup, BackupManifest.FilesFolder), Path.Combine(target, "files", "completed"), cancellationToken);
            File.Copy(database, Path.Combine(target, BackupManifest.StoreFileName));
        }
        catch (RestoreRefusedException)
        {
            // The folder was empty or new: what a refused restore wrote there is all it holds.
            Directory.Delete(target, recursive: true);
            throw;
        }

        var indexed = "not restored (no --redis given)";
        if (redis is not null)
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
            indexed = $"{await FilesIndexSnapshot.RestoreAsync(Path.Combine(backup, BackupManifest.FilesIndexFileName), connection, cancellationToken)} records written to Redis";
        }

        await output.WriteLineAsync(
            $"restored {Path.GetFileName(backup)} (taken {manifest.StartedAt:u}) into {target}: {manifest.Messages} messages in "
            + $"{manifest.LastSeqs.Count} conversations, {manifest.Files.Count} files; files index {indexed}.");
    }

    /// <summary>Each file goes through a file store that hashes what it writes: a damaged copy refuses the restore.</summary>
    private static async Task RestoreFilesAsync(BackupManifest manifest, string from, string to, CancellationToken cancellationToken)
    {
        var source = new FilesystemFileStore(from);
        var destination = new FilesystemFileStore(to);
        foreach (var file in manifest.Files)
        {
            await using var content = await source.OpenReadAsync(file.Sha256, 0, null, cancellationToken)
                ?? throw new RestoreRefusedException($"the backup lacks the file {file.Sha256}.");
            var stored = await destination.PutAsync(content, cancellationToken);
            if (stored.Sha256 != file.Sha256 || stored.Size != file.Size)
            {
                throw new RestoreRefusedException($"the backup's copy of {file.Sha256} is damaged (hashes to {stored.Sha256}, {stored.Size} bytes).");
            }
        }
    }
}

/// <summary>Why a restore did not start or stopped: said to the operator, with nothing written over.</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);
