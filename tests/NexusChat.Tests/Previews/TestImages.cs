using System.Buffers.Binary;
using SkiaSharp;

namespace NexusChat.Tests.Previews;

/// <summary>Images made in the test, never stored in the repo: real encodings from Skia, and hostile ones built by hand.</summary>
public static class TestImages
{
    /// <summary>A gradient of <paramref name="width"/> x <paramref name="height"/> encoded as <paramref name="format"/>.</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Teal, SKColors.Orange], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var data = bitmap.Encode(format, 90) ?? throw new InvalidOperationException($"Skia cannot encode {format} here.");
        return data.ToArray();
    }

    /// <summary>The first half of a real PNG: the header is fine, the pixel data stops.</summary>
    public static byte[] TruncatedPng()
    {
        var png = Encode(SKEncodedImageFormat.Png, 400, 300);
        return png[..(png.Length / 2)];
    }

    /// <summary>
    /// A decompression bomb's header: a valid PNG a few hundred bytes long whose IHDR claims
    /// <paramref name="side"/> x <paramref name="side"/> pixels (2.5 gigapixels for 50,000, 10 GB once decoded).
    /// </summary>
    public static byte[] PngClaiming(int side)
    {
        var png = Encode(SKEncodedImageFormat.Png, 8, 8);
        // Signature (8) + IHDR length (4) + "IHDR" (4), then width and height; the chunk's CRC covers type and data.
        const int ihdrType = 12, ihdrData = 16, ihdrCrc = 29;
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdrData), side);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdrData + 4), side);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(ihdrCrc), Crc32(png.AsSpan(ihdrType, 4 + 13)));
        return png;
    }

    /// <summary>The sides of an encoded image, read by Skia from its header.</summary>
    public static (int Width, int Height) SizeOf(byte[] image)
    {
        using var codec = SKCodec.Create(new MemoryStream(image)) ?? throw new InvalidOperationException("Not an image.");
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Whether the image decodes completely.</summary>
    public static bool Decodes(byte[] image)
    {
        using var codec = SKCodec.Create(new MemoryStream(image));
        if (codec is null)
        {
            return false;
        }

        using var bitmap = new SKBitmap(codec.Info);
        return codec.GetPixels(bitmap.Info, bitmap.GetPixels()) == SKCodecResult.Success;
    }

    // PNG's CRC-32 (ISO 3309, reflected 0xEDB88320), bit by bit: a few dozen bytes need no table.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
