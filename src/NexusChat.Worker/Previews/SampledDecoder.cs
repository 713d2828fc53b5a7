using System.Runtime.InteropServices;
using SkiaSharp;

namespace NexusChat.Worker.Previews;

/// <summary>
/// Decodes an image at roughly the size its thumbnail needs. Codecs that scale while decoding (JPEG in eighths,
/// WebP freely) decode straight to a small bitmap; top-down scanline codecs (PNG) are read one row at a time keeping
/// every n-th row and pixel, so only one full-width row is ever held; anything else (GIF, interlaced PNG) decodes whole,
/// which the caller's pixel limit bounds.
/// </summary>
public static class SampledDecoder
{
    /// <summary>A bitmap whose longer side is at least <paramref name="targetSide"/> (or the image's own), or null when the data is corrupt or truncated.</summary>
    public static SKBitmap? Decode(SKCodec codec, int targetSide)
    {
        var full = codec.Info.WithColorType(SKImageInfo.PlatformColorType).WithAlphaType(SKAlphaType.Premul);
        var longer = Math.Max(full.Width, full.Height);
        // The codec rounds a scale to one it supports (JPEG: eighths), possibly below the target; ask larger until it is not.
        var scale = Math.Min(1f, (float)targetSide / longer);
        var scaled = codec.GetScaledDimensions(scale);
        while (Math.Max(scaled.Width, scaled.Height) < targetSide && scale < 1f)
        {
            scale = Math.Min(1f, scale * 1.5f);
            scaled = codec.GetScaledDimensions(scale);
        }

        if ((long)scaled.Width * scaled.Height < (long)full.Width * full.Height)
        {
            return DecodeWhole(codec, full.WithSize(scaled));
        }

        var step = longer / targetSide;
        if (step >= 2 && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown && codec.StartScanlineDecode(full) == SKCodecResult.Success)
        {
            return DecodeEveryNthRow(codec, full, step);
        }

        return DecodeWhole(codec, full);
    }

    private static SKBitmap? DecodeWhole(SKCodec codec, SKImageInfo info)
    {
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success)
        {
            return bitmap;
        }

        // IncompleteInput included: a truncated image would show a grey remainder, not the picture.
        bitmap.Dispose();
        return null;
    }

    private static SKBitmap? DecodeEveryNthRow(SKCodec codec, SKImageInfo full, int step)
    {
        var sampled = new SKBitmap(full.WithSize(full.Width / step, full.Height / step));
        using var row = new SKBitmap(full.WithSize(full.Width, 1));
        var rowPixels = row.GetPixels();
        for (var y = 0; y < sampled.Height; y++)
        {
            // Rows between the kept ones are skipped, not converted; the decoder still inflates them, a row at a time.
            if ((y > 0 && !codec.SkipScanlines(step - 1)) || codec.GetScanlines(rowPixels, 1, row.RowBytes) != 1)
            {
                sampled.Dispose();
                return null;
            }

            var source = MemoryMarshal.Cast<byte, uint>(row.GetPixelSpan());
            var target = MemoryMarshal.Cast<byte, uint>(sampled.GetPixelSpan()).Slice(y * sampled.Width, sampled.Width);
            for (var x = 0; x < target.Length; x++)
            {
                target[x] = source[x * step];
            }
        }

        return sampled;
    }
}
