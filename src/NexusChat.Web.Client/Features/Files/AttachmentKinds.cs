using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Files;

/// <summary>How the message list shows an attachment: an image inline, anything else as a card with an icon.</summary>
public static class AttachmentKinds
{
    public const string PreviewReady = "ready";

    public const int ThumbnailMax = 320;

    // The types the api serves inline as themselves (SafeContentTypes); others download as attachments.
    private static readonly HashSet<string> InlineImages = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    public static bool IsInlineImage(AttachmentDto attachment) => InlineImages.Contains(attachment.ContentType);

    /// <summary>The thumbnail's size on screen: the image's aspect within <see cref="ThumbnailMax"/> px; null until known.</summary>
    public static (int Width, int Height)? DisplaySize(AttachmentDto attachment)
    {
        if (attachment is not { Width: > 0 and var width, Height: > 0 and var height })
        {
            return null;
        }

        var scale = Math.Min(1.0, (double)ThumbnailMax / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>An icon by the file's type, falling back to its extension (the declared type is often octet-stream).</summary>
    public static string Icon(AttachmentDto attachment)
    {
        var type = attachment.ContentType.ToLowerInvariant();
        var extension = Path.GetExtension(attachment.FileName).ToLowerInvariant();
        return type switch
        {
            _ when type.StartsWith("image/", StringComparison.Ordinal) => "🖼️",
            _ when type.StartsWith("video/", StringComparison.Ordinal) || extension is ".mp4" or ".mov" or ".webm" or ".mkv" => "🎬",
            _ when type.StartsWith("audio/", StringComparison.Ordinal) || extension is ".mp3" or ".wav" or ".ogg" or ".flac" => "🎵",
            "application/pdf" => "📕",
            "application/zip" or "application/gzip" or "application/x-tar" or "application/x-7z-compressed" => "🗜️",
            _ when extension is ".pdf" => "📕",
            _ when extension is ".zip" or ".gz" or ".tgz" or ".tar" or ".7z" => "🗜️",
            _ when type.StartsWith("text/", StringComparison.Ordinal) || extension is ".txt" or ".md" or ".csv" or ".log" => "📝",
            _ => "📄",
        };
    }
}
