namespace NexusChat.Api.Files;

/// <summary>
/// What a download is served as. The stored type is the uploader's claim, so only raster image types a browser can
/// do nothing with but draw are served as themselves (with nosniff, bytes that are really HTML stay an image);
/// everything else, SVG and HTML included, is an opaque download.
/// </summary>
public static class SafeContentTypes
{
    public const string Download = "application/octet-stream";

    private static readonly HashSet<string> Images = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    /// <summary>The stored type, without parameters, when it is a safe image; null otherwise.</summary>
    public static string? ImageOrNull(string storedType)
    {
        var mediaType = storedType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return Images.Contains(mediaType) ? mediaType : null;
    }

    /// <summary>The name for Content-Disposition: control characters (which no header may carry) replaced.</summary>
    public static string DownloadName(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? '_' : c));
}
