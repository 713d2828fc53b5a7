namespace NexusChat.Imaging;

/// <summary>
/// The real type of a file from its first bytes: the uploader's declared type and the file name are claims anyone can
/// make, the magic numbers are what a decoder will actually see.
/// </summary>
public static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs to tell every type it knows.</summary>
    public const int HeaderLength = 12;

    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    /// <summary>image/png, image/jpeg, image/gif or image/webp; null for anything else (or too short to tell).</summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(Png))
        {
            return "image/png";
        }

        if (header.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        // RIFF container: "RIFF", 4 bytes of size, then the form type.
        if (header.Length >= HeaderLength && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }
}
