using System.Text;

namespace NexusChat.Api.Uploads;

/// <summary>
/// The tus 1.0.0 headers and values we speak (https://tus.io/protocols/resumable-upload): core plus the creation,
/// termination, expiration and checksum (sha256) extensions.
/// </summary>
public static class TusProtocol
{
    public const string Version = "1.0.0";
    public const string Extensions = "creation,termination,expiration,checksum";
    public const string ChecksumAlgorithm = "sha256";
    public const string OffsetContentType = "application/offset+octet-stream";

    /// <summary>The checksum extension's status for a chunk whose checksum does not match its bytes.</summary>
    public const int ChecksumMismatchStatus = 460;

    public const string Resumable = "Tus-Resumable";
    public const string VersionHeader = "Tus-Version";
    public const string ExtensionHeader = "Tus-Extension";
    public const string MaxSizeHeader = "Tus-Max-Size";
    public const string ChecksumAlgorithmHeader = "Tus-Checksum-Algorithm";
    public const string UploadLength = "Upload-Length";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadChecksum = "Upload-Checksum";

    /// <summary>Ours, not tus: the id of the completed file, on the last PATCH and on every HEAD afterwards.</summary>
    public const string UploadFileId = "Upload-File-Id";

    /// <summary>
    /// Upload-Metadata: comma-separated <c>key base64value</c> pairs (the value may be absent). Null when malformed:
    /// a bad pair, an empty or repeated key, or a value that is not base64 of UTF-8.
    /// </summary>
    public static Dictionary<string, string>? ParseMetadata(string? header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return pairs;
        }

        foreach (var pair in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || !pairs.TryAdd(parts[0], parts.Length == 1 ? "" : Decode(parts[1]) ?? "\0"))
            {
                return null;
            }
        }

        return pairs.Values.Any(value => value.Contains('\0')) ? null : pairs;
    }

    /// <summary>Upload-Checksum: <c>sha256 base64digest</c>. Null when malformed or another algorithm.</summary>
    public static byte[]? ParseSha256Checksum(string header)
    {
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], ChecksumAlgorithm, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var digest = new byte[32];
        return Convert.TryFromBase64String(parts[1], digest, out var written) && written == 32 ? digest : null;
    }

    private static string? Decode(string base64)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }
}
