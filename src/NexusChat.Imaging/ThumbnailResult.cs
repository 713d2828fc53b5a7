namespace NexusChat.Imaging;

/// <summary>What <see cref="ImageThumbnailer"/> made of a file: a thumbnail, or the reason there is none.</summary>
public abstract record ThumbnailResult;

/// <param name="Width">The image's width in pixels, as its header states it.</param>
/// <param name="Thumbnail">The encoded thumbnail, in the <see cref="ThumbnailShape"/> asked for.</param>
/// <param name="SniffedType">The type its magic bytes say, whatever the uploader declared.</param>
public sealed record Thumbnailed(int Width, int Height, byte[] Thumbnail, string ThumbnailContentType, string SniffedType) : ThumbnailResult;

/// <param name="Reason">Why: not an image, corrupt or truncated, too many pixels, … <see cref="TooManyPixels"/> tells the last apart.</param>
public sealed record Refused(string Reason, bool TooManyPixels = false) : ThumbnailResult;
