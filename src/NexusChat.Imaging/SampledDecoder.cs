using SkiaSharp;

namespace NexusChat.Imaging;

/// <summary>
/// Decodes an image at roughly the size its thumbnail needs. Codecs that scale while decoding (JPEG in eighths, WebP
/// freely) decode straight to a small bitmap, whatever the image's size. PNG and GIF cannot in this Skia (their codecs
/// neither scale nor decode by scanline: "Unimplemented"), so they decode whole, which the caller's pixel limit bounds
/// (40 MP: 160 MB of pixels at most).
/// </summary>
public static class SampledDecoder
{
    /// <summary>A bitmap whose longer side is at least <paramref name="targetSide"/> (or the image's own), or null when the data is corrupt or truncated.</summary>
    public static SKBitmap? Decode(SKCodec codec, int targetSide)
    {
        var full = codec.Info.WithColorType(SKImageInfo.PlatformColorType).WithAlphaType(SKAlphaType.Premul);
        // The codec rounds a scale to one it supports (JPEG: eighths), possibly below the target; ask larger until it is not.
        var scale = Math.Min(1f, (float)targetSide / Math.Max(full.Width, full.Height));
        var scaled = codec.GetScaledDimensions(scale);
        while (Math.Max(scaled.Width, scaled.Height) < targetSide && scale < 1f)
        {
            scale = Math.Min(1f, scale * 1.5f);
            scaled = codec.GetScaledDimensions(scale);
        }

        var info = full.WithSize(scaled);
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success)
        {
            return bitmap;
        }

        // IncompleteInput included: a truncated image would show a grey remainder, not the picture.
        bitmap.Dispose();
        return null;
    }
}
