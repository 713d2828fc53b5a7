using System.Diagnostics;
using System.Security.Cryptography;
using NexusChat.Imaging;
using NexusChat.Contracts.Conversations;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Files;

namespace NexusChat.Worker.Previews;

/// <summary>
/// The preview of one attached file: from the cache when these bytes were processed before, else read from the file
/// store (hashed on the way, so bytes that are not what the message describes get no preview), run through
/// <see cref="ImageThumbnailer"/>, and the thumbnail stored content-addressed beside the files, so identical
/// images share one. A file the processor refuses ends as "none"; a missing file or a store that fails throws, so the
/// bus retries the event and finally parks it.
/// </summary>
public sealed partial class AttachmentPreviewer(IFileStore files, PreviewCache cache, PreviewMetrics metrics, ILogger<AttachmentPreviewer> logger)
{
    /// <summary>Larger files are still verified, but not buffered and decoded: no preview.</summary>
    public const int MaxImageBytes = 64 * 1024 * 1024;

    public async Task<AttachmentPreview> PreviewAsync(AttachmentRecord attachment, CancellationToken cancellationToken)
    {
        if (await cache.FindAsync(attachment.Sha256) is { } cached
            && (!cached.IsReady || await files.FindAsync(cached.ThumbnailSha256!, cancellationToken) is not null))
        {
            return cached;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var (preview, verified) = await ProcessAsync(attachment, cancellationToken);
            metrics.Processed(preview.State, Stopwatch.GetElapsedTime(started));
            if (verified)
            {
                await cache.SetAsync(attachment.Sha256, preview);
            }

            return preview;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Processed(PreviewMetrics.Failed, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<(AttachmentPreview Preview, bool Verified)> ProcessAsync(AttachmentRecord attachment, CancellationToken cancellationToken)
    {
        var (sha256, image) = await ReadAsync(attachment.Sha256, cancellationToken);
        if (sha256 != attachment.Sha256)
        {
            LogHashMismatch(attachment.FileId, attachment.Sha256, sha256);
            return (AttachmentPreview.None, false);
        }

        if (image is null)
        {
            return (AttachmentPreview.None, true);
        }

        switch (ImageThumbnailer.Make(image, ThumbnailShape.Preview))
        {
            case Thumbnailed thumbnailed:
                using (var thumbnail = new MemoryStream(thumbnailed.Thumbnail, writable: false))
                {
                    var stored = await files.PutAsync(thumbnail, cancellationToken);
                    return (new AttachmentPreview(
                        PreviewStates.Ready, thumbnailed.Width, thumbnailed.Height, stored.Sha256, thumbnailed.ThumbnailContentType), true);
                }

            case Refused refused:
                LogNoPreview(attachment.FileId, attachment.ContentType, refused.Reason);
                return (AttachmentPreview.None, true);

            default:
                throw new UnreachableException();
        }
    }

    /// <summary>
    /// The sha256 of the stored bytes, read to the end, and the bytes themselves when they start like an image and fit
    /// <see cref="MaxImageBytes"/> (null otherwise).
    /// </summary>
    private async Task<(string Sha256, byte[]? Image)> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var content = await files.OpenReadAsync(sha256, 0, null, cancellationToken)
            ?? throw new FileNotFoundException($"The file store has no file {sha256}, though a message carries it.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffered = new MemoryStream();
        var keep = true;
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
            if (!keep)
            {
                continue;
            }

            buffered.Write(chunk, 0, read);
            // Decide as soon as the header is in: a non-image or an oversized image is only hashed from here on.
            keep = buffered.Length <= MaxImageBytes
                && (buffered.Length < ImageSniffer.HeaderLength || ImageSniffer.Sniff(buffered.GetBuffer().AsSpan(0, ImageSniffer.HeaderLength)) is not null);
            if (!keep)
            {
                buffered = new MemoryStream();
            }
        }

        var image = keep && ImageSniffer.Sniff(buffered.GetBuffer().AsSpan(0, (int)buffered.Length)) is not null ? buffered.ToArray() : null;
        return (ContentHash.ToHex(hash.GetHashAndReset()), image);
    }

    [LoggerMessage(LogLevel.Warning, "File {FileId}: the stored bytes hash to {Actual}, not {Expected}; no preview")]
    private partial void LogHashMismatch(string fileId, string expected, string actual);

    [LoggerMessage(LogLevel.Information, "File {FileId} (declared {ContentType}) has no preview: {Reason}")]
    private partial void LogNoPreview(string fileId, string contentType, string reason);
}
