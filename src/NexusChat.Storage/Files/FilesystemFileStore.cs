namespace NexusChat.Storage.Files;

/// <summary>
/// Files in a folder every replica on the host shares (the AppHost's data directory), at <c>ab/abcdef…</c> by sha256.
/// Content is written to a temporary file in the same folder and then linked into place with a no-overwrite move,
/// which is atomic: a reader sees the whole file or none, and when two replicas store the same bytes at once the
/// second move fails and that copy is dropped.
/// </summary>
public sealed class FilesystemFileStore : IFileStore
{
    private const int BufferSize = 128 * 1024;
    private readonly string _root;
    private readonly string _incoming;

    public FilesystemFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        _incoming = Path.Combine(_root, ".incoming");
        Directory.CreateDirectory(_incoming);
    }

    public async Task<StoredFile> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long size;
            await using (var hashing = new HashingReadStream(content))
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await hashing.CopyToAsync(file, BufferSize, cancellationToken);
                // On disk before it gets its name: a crash must never leave a named file with missing bytes.
                file.Flush(flushToDisk: true);
                sha256 = hashing.FinishHash();
                size = hashing.BytesRead;
            }

            Publish(temporary, sha256);
            return new StoredFile(sha256, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Hashes the file where it lies (so it stays whole at its path until the hash is known), then moves it in: a rename
    /// when the path is on the store's filesystem, so a 1 GiB upload costs one read and no second write. Across
    /// filesystems <see cref="File.Move(string, string)"/> copies, into a name nobody reads until it is on disk.
    /// </summary>
    public async Task<StoredFile> TakeFileAsync(string path, CancellationToken cancellationToken)
    {
        StoredFile stored;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
        {
            stored = new StoredFile(await ContentHash.OfAsync(file, cancellationToken), file.Length);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var temporary = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        File.Move(path, temporary);
        try
        {
            // Free when the bytes were already flushed where they came from; the one guarantee after a copy.
            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                file.Flush(flushToDisk: true);
            }

            Publish(temporary, stored.Sha256);
            return stored;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Links a complete, flushed temporary file in under its sha256 unless that name exists; the temporary name is
    /// the caller's to delete either way.
    /// </summary>
    private void Publish(string temporary, string sha256)
    {
        var target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!File.Exists(target))
        {
            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another writer published the same content first; its copy is as good as ours.
            }
        }
    }

    public Task<StoredFile?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        var file = ContentHash.IsValid(sha256) ? new FileInfo(PathOf(sha256)) : null;
        return Task.FromResult(file is { Exists: true } ? new StoredFile(sha256, file.Length) : null);
    }

    public Task<Stream?> OpenReadAsync(string sha256, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (!ContentHash.IsValid(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        FileStream file;
        try
        {
            file = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }

        var start = Math.Min(offset, file.Length);
        file.Position = start;
        var available = file.Length - start;
        return Task.FromResult<Stream?>(new RangeReadStream(file, Math.Min(available, length ?? available)));
    }

    public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsValid(sha256) || !File.Exists(PathOf(sha256)))
        {
            return Task.FromResult(false);
        }

        File.Delete(PathOf(sha256));
        return Task.FromResult(true);
    }

    // Two hex digits of fan-out keep any one folder to a few thousand entries at millions of files.
    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);
}
