namespace NexusChat.Worker.Previews;

/// <summary>What <see cref="ImagePreviewProcessor"/> made of a file: a thumbnail, or the reason there is none.</summary>
public abstract record ImagePreviewResult;

/// <param name="Width">The image's width in pixels, as its header states it.</param>
/// <param name="Thumbnail">The encoded thumbnail, at most <see cref="ImagePreviewProcessor.ThumbnailMaxSide"/> on its longer side.</param>
/// <param name="SniffedType">The type its magic bytes say, whatever the uploader declared.</param>
public sealed record Thumbnailed(int Width, int Height, byte[] Thumbnail, string ThumbnailContentType, string SniffedType) : ImagePreviewResult;

/// <param name="Reason">For the log: not an image, corrupt or truncated, too many pixels, … Every refusal ends as preview "none".</param>
public sealed record Refused(string Reason) : ImagePreviewResult;
