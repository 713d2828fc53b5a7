using SkiaSharp;

namespace NexusChat.Worker.Previews;

/// <summary>
/// Turns an image's bytes into a thumbnail without trusting them: the type comes from the magic bytes, the size from
/// the header before anything is decoded, an image over <see cref="MaxPixels"/> (a decompression bomb: a small file
/// claiming a huge canvas) is refused unread, and the decode itself is downsampled where the codec allows it
/// (<see cref="SampledDecoder"/>), so memory follows the thumbnail's size rather than the image's. Pure: bytes in,
/// result out.
/// </summary>
public static class ImagePreviewProcessor
{
    public const int ThumbnailMaxSide = 320;

    /// <summary>40 megapixels: above any camera a chat is used with, far below what a crafted header can claim.</summary>
    public const long MaxPixels = 40_000_000;

    private const int WebpQuality = 80;

    public static ImagePreviewResult Process(byte[] content)
    {
        if (ImageSniffer.Sniff(content) is not { } sniffed)
        {
            return new Refused("not an image this service previews (by its magic bytes)");
        }

        try
        {
            // Reads the header only; no pixel is decoded yet. The codec owns (and disposes) the stream.
            using var codec = SKCodec.Create(new MemoryStream(content, writable: false), out var opened);
            if (codec is null)
            {
                return new Refused($"the {sniffed} header does not open ({opened})");
            }

            var (width, height) = (codec.Info.Width, codec.Info.Height);
            if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
            {
                return new Refused($"{width}x{height} is over the {MaxPixels} pixel limit");
            }

            using var sampled = SampledDecoder.Decode(codec, ThumbnailMaxSide);
            if (sampled is null)
            {
                return new Refused($"the {sniffed} data is corrupt or truncated");
            }

            using var thumbnail = FitWithin(sampled, ThumbnailMaxSide);
            var (encoded, type) = Encode(thumbnail);
            return new Thumbnailed(width, height, encoded, type, sniffed);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // The bytes are the only input here, so a decoder that throws on them means "this file has no preview".
            return new Refused($"the decoder refused the {sniffed} data ({exception.GetType().Name})");
        }
    }

    private static SKBitmap FitWithin(SKBitmap bitmap, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(bitmap.Width, bitmap.Height));
        var size = new SKSizeI(Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)));
        return bitmap.Resize(bitmap.Info.WithSize(size), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("Resizing the sampled image failed.");
    }

    /// <summary>WebP (small, with alpha); PNG where this build of Skia cannot encode WebP.</summary>
    private static (byte[] Encoded, string ContentType) Encode(SKBitmap thumbnail)
    {
        using var webp = thumbnail.Encode(SKEncodedImageFormat.Webp, WebpQuality);
        if (webp is not null && webp.Size > 0)
        {
            return (webp.ToArray(), "image/webp");
        }

        using var png = thumbnail.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("Encoding the thumbnail as PNG failed.");
        return (png.ToArray(), "image/png");
    }
}
