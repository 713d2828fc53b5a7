namespace NexusChat.Api.Uploads;

/// <summary>
/// Where uploads in progress collect their bytes: one file per upload in the folder every api replica shares, so
/// whichever replica takes the next chunk appends to the same file. The Redis offset, moved only under the upload's
/// lock and only after the bytes are on disk, is the truth; bytes past it (a writer that died mid-chunk) are cut off
/// by the next writer.
/// </summary>
public sealed class StagingArea
{
    private readonly string _folder;

    public StagingArea(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public string PathOf(string uploadId) => Path.Combine(_folder, uploadId);

    public bool Exists(string uploadId) => File.Exists(PathOf(uploadId));

    public void Create(string uploadId) => File.Create(PathOf(uploadId)).Dispose();

    /// <summary>Opened for writing at <paramref name="offset"/>, with anything past it cut off.</summary>
    public FileStream OpenForWriteAt(string uploadId, long offset)
    {
        var file = new FileStream(PathOf(uploadId), FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
        file.SetLength(offset);
        file.Position = offset;
        return file;
    }

    public FileStream OpenForRead(string uploadId) =>
        new(PathOf(uploadId), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 128 * 1024, useAsync: true);

    public void Delete(string uploadId) => File.Delete(PathOf(uploadId));

    /// <summary>
    /// Upload ids of staging files last written before <paramref name="before"/>. Only names an upload could have
    /// (a Guid in "N" form), so nothing else that lands in the folder is ever taken for one.
    /// </summary>
    public IEnumerable<string> WrittenBefore(DateTimeOffset before) =>
        new DirectoryInfo(_folder).EnumerateFiles()
            .Where(file => Guid.TryParseExact(file.Name, "N", out _) && file.LastWriteTimeUtc < before.UtcDateTime)
            .Select(file => file.Name);
}
