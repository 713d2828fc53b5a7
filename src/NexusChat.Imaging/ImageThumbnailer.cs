using SkiaSharp;

namespace NexusChat.Imaging;

/// <summary>
/// Turns an image's bytes into a thumbnail without trusting them: the type comes from the magic bytes, the size from
/// the header before anything is decoded, an image over <see cref="MaxPixels"/> (a decompression bomb: a small file
/// claiming a huge canvas) is refused unread, and the decode itself is downsampled where the codec allows it
/// (<see cref="SampledDecoder"/>), so memory follows the thumbnail's size rather than the image's. Pure: bytes in,
/// result out. Attachment previews (the worker) and avatars (the api) both come from here.
/// </summary>
public static class ImageThumbnailer
{
    /// <summary>40 megapixels: above any camera a chat is used with, far below what a crafted header can claim.</summary>
    public const long MaxPixels = 40_000_000;

    private const int WebpQuality = 80;

    public static ThumbnailResult Make(byte[] content, ThumbnailShape shape)
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
                return new Refused($"{width}x{height} is over the {MaxPixels} pixel limit", TooManyPixels: width > 0 && height > 0);
            }

            // A square is cut from the middle, so its side is the shorter side of the image: decode until that one fits.
            var target = shape.Square
                ? (int)Math.Min(int.MaxValue, (long)shape.Side * Math.Max(width, height) / Math.Min(width, height))
                : shape.Side;
            using var sampled = SampledDecoder.Decode(codec, target);
            if (sampled is null)
            {
                return new Refused($"the {sniffed} data is corrupt or truncated");
            }

            using var thumbnail = shape.Square ? CropSquare(sampled, shape.Side) : FitWithin(sampled, shape.Side);
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

    private static SKBitmap CropSquare(SKBitmap bitmap, int side)
    {
        var shorter = Math.Min(bitmap.Width, bitmap.Height);
        var (left, top) = ((bitmap.Width - shorter) / 2, (bitmap.Height - shorter) / 2);
        // The subset shares the decoded pixels; only the resize allocates.
        using var square = new SKBitmap();
        if (!bitmap.ExtractSubset(square, SKRectI.Create(left, top, shorter, shorter)))
        {
            throw new InvalidOperationException("Cutting the centre square failed.");
        }

        return FitWithin(square, side);
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
