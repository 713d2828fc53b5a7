using System.Text;
using NexusChat.Imaging;
using SkiaSharp;

namespace NexusChat.Tests.Previews;

/// <summary>The thumbnailer on its own: what it sniffs, what it refuses, and the thumbnails it makes.</summary>
public sealed class ImageThumbnailerTests
{
    public static TheoryData<string, string?> Headers => new()
    {
        { "89504E470D0A1A0A0000000D", "image/png" },
        { "FFD8FFE000104A4649460001", "image/jpeg" },
        { "474946383961010001000000", "image/gif" },
        { "474946383761010001000000", "image/gif" },
        { "52494646240000005745425056503820", "image/webp" },
        // RIFF, but a WAVE file.
        { "524946462400000057415645", null },
        { "3C73766720786D6C6E733D22", null },
        { "3C21444F43545950452068746D6C3E", null },
        { "89504E47", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void TheTypeComesFromTheMagicBytes(string hex, string? expected) =>
        Assert.Equal(expected, ImageSniffer.Sniff(Convert.FromHexString(hex)));

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 1600, 1200, 320, 240, "image/png")]
    [InlineData(SKEncodedImageFormat.Png, 3000, 200, 320, 21, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, 2048, 1536, 320, 240, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, 900, 1200, 240, 320, "image/webp")]
    [InlineData(SKEncodedImageFormat.Png, 100, 60, 100, 60, "image/png")]
    public void AnImageGetsAThumbnailOfAtMost320PixelsAndItsOwnSize(
        SKEncodedImageFormat format, int width, int height, int thumbnailWidth, int thumbnailHeight, string sniffed)
    {
        var result = ImageThumbnailer.Make(TestImages.Encode(format, width, height), ThumbnailShape.Preview);

        var thumbnail = Assert.IsType<Thumbnailed>(result);
        Assert.Equal((width, height, sniffed), (thumbnail.Width, thumbnail.Height, thumbnail.SniffedType));
        Assert.Equal((thumbnailWidth, thumbnailHeight), TestImages.SizeOf(thumbnail.Thumbnail));
        Assert.Equal(thumbnail.ThumbnailContentType, ImageSniffer.Sniff(thumbnail.Thumbnail));
        Assert.True(TestImages.Decodes(thumbnail.Thumbnail));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 300, 200)]
    [InlineData(SKEncodedImageFormat.Jpeg, 3000, 4000)]
    [InlineData(SKEncodedImageFormat.Png, 60, 90)]
    public void AnAvatarIsTheImagesCentreSquareAt128Pixels(SKEncodedImageFormat format, int width, int height)
    {
        var result = ImageThumbnailer.Make(TestImages.Encode(format, width, height), ThumbnailShape.Avatar);

        var avatar = Assert.IsType<Thumbnailed>(result);
        var side = Math.Min(ThumbnailShape.Avatar.Side, Math.Min(width, height));
        Assert.Equal((side, side), TestImages.SizeOf(avatar.Thumbnail));
        Assert.True(TestImages.Decodes(avatar.Thumbnail));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, 4000, 3000)]
    [InlineData(SKEncodedImageFormat.Webp, 4000, 3000)]
    public void ALargeJpegOrWebpIsDecodedDownsampledNeverAtItsFullSize(SKEncodedImageFormat format, int width, int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(TestImages.Encode(format, width, height)));

        using var sampled = SampledDecoder.Decode(codec, ThumbnailShape.Preview.Side);

        Assert.NotNull(sampled);
        Assert.InRange(Math.Max(sampled.Width, sampled.Height), ThumbnailShape.Preview.Side, 2 * ThumbnailShape.Preview.Side);
    }

    [Fact]
    public void ADecompressionBombIsRefusedFromItsHeader()
    {
        var bomb = TestImages.PngClaiming(50_000);
        Assert.True(bomb.Length < 1000);

        var result = ImageThumbnailer.Make(bomb, ThumbnailShape.Preview);

        Assert.Contains("pixel", Assert.IsType<Refused>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedImageIsRefused() =>
        Assert.IsType<Refused>(ImageThumbnailer.Make(TestImages.TruncatedPng(), ThumbnailShape.Preview));

    [Fact]
    public void TextWithAnImageNameIsNoImage() =>
        Assert.IsType<Refused>(ImageThumbnailer.Make(Encoding.UTF8.GetBytes("<svg onload=alert(1)>not a picture</svg>"), ThumbnailShape.Preview));

    [Fact]
    public void AnImageHeaderFollowedByGarbageIsRefused()
    {
        var garbage = new byte[4096];
        new Random(12).NextBytes(garbage);
        "\x89PNG\r\n\x1a\n"u8.ToArray().CopyTo(garbage, 0);

        Assert.IsType<Refused>(ImageThumbnailer.Make(garbage, ThumbnailShape.Preview));
    }
}
