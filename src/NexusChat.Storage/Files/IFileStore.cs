namespace NexusChat.Storage.Files;

/// <summary>
/// Completed files, immutable and addressed by the sha256 of their content: storing the same bytes twice keeps one
/// copy. Content goes in and comes out as streams, so no file is ever held in memory whatever its size. A file is
/// shared by everyone who stored the same bytes, so only a caller that knows no record still points at it deletes it.
/// </summary>
public interface IFileStore
{
    /// <summary>Reads <paramref name="content"/> to its end, hashing as it goes, and keeps it under its sha256.</summary>
    Task<StoredFile> PutAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the file at <paramref name="path"/> under its sha256 and removes it from that path (also when the store
    /// had the content already). The caller writes no more to it. A provider that can adopt the file as it is (the
    /// filesystem) does so instead of copying it.
    /// </summary>
    Task<StoredFile> TakeFileAsync(string path, CancellationToken cancellationToken);

    /// <summary>The file with this sha256 (lowercase hex), or null when none is stored.</summary>
    Task<StoredFile?> FindAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes from <paramref name="offset"/> on, at most <paramref name="length"/> of them (all when null), or null
    /// when no such file is stored. An offset at or past the end gives an empty stream.
    /// </summary>
    Task<Stream?> OpenReadAsync(string sha256, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Removes the file; false when none was stored.</summary>
    Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken);
}
