using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace NexusChat.Storage.Files;

/// <summary>
/// Files in GridFS (bucket <c>files</c>), named by their sha256. GridFS needs a file's id before its first byte and
/// cannot rename by content, so content is uploaded under a pending name while it is hashed, then renamed to its
/// sha256 — or dropped when that name exists already. Two replicas storing the same new bytes at the same moment
/// can both keep a copy; readers take the oldest and <see cref="DeleteAsync"/> removes them all.
/// </summary>
public sealed class GridFsFileStore(IMongoDatabase database) : IFileStore
{
    private const string PendingPrefix = "pending:";
    private readonly GridFSBucket _bucket = new(database, new GridFSBucketOptions { BucketName = "files" });

    public async Task<StoredFile> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        await using var hashing = new HashingReadStream(content);
        var id = await _bucket.UploadFromStreamAsync(PendingPrefix + Guid.NewGuid().ToString("N"), hashing, cancellationToken: cancellationToken);
        var stored = new StoredFile(hashing.FinishHash(), hashing.BytesRead);
        if (await FindInfoAsync(stored.Sha256, cancellationToken) is null)
        {
            await _bucket.RenameAsync(id, stored.Sha256, cancellationToken);
        }
        else
        {
            await _bucket.DeleteAsync(id, cancellationToken);
        }

        return stored;
    }

    /// <summary>GridFS keeps its bytes in the database, so the file is streamed in like any content, then deleted.</summary>
    public async Task<StoredFile> TakeFileAsync(string path, CancellationToken cancellationToken)
    {
        StoredFile stored;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, useAsync: true))
        {
            stored = await PutAsync(file, cancellationToken);
        }

        File.Delete(path);
        return stored;
    }

    public async Task<StoredFile?> FindAsync(string sha256, CancellationToken cancellationToken) =>
        await FindInfoAsync(sha256, cancellationToken) is { } info ? new StoredFile(sha256, info.Length) : null;

    public async Task<Stream?> OpenReadAsync(string sha256, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (await FindInfoAsync(sha256, cancellationToken) is not { } info)
        {
            return null;
        }

        var download = await _bucket.OpenDownloadStreamAsync(info.Id, new GridFSDownloadOptions { Seekable = true }, cancellationToken);
        var start = Math.Min(offset, info.Length);
        download.Position = start;
        var available = info.Length - start;
        return new RangeReadStream(download, Math.Min(available, length ?? available));
    }

    public async Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsValid(sha256))
        {
            return false;
        }

        var copies = await (await _bucket.FindAsync(Builders<GridFSFileInfo>.Filter.Eq(f => f.Filename, sha256), cancellationToken: cancellationToken))
            .ToListAsync(cancellationToken);
        foreach (var copy in copies)
        {
            await _bucket.DeleteAsync(copy.Id, cancellationToken);
        }

        return copies.Count > 0;
    }

    private async Task<GridFSFileInfo?> FindInfoAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsValid(sha256))
        {
            return null;
        }

        var options = new GridFSFindOptions { Sort = Builders<GridFSFileInfo>.Sort.Ascending(f => f.UploadDateTime), Limit = 1 };
        using var cursor = await _bucket.FindAsync(Builders<GridFSFileInfo>.Filter.Eq(f => f.Filename, sha256), options, cancellationToken);
        return await cursor.FirstOrDefaultAsync(cancellationToken);
    }
}
