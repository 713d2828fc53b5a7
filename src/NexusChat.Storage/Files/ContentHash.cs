using System.Security.Cryptography;

namespace NexusChat.Storage.Files;

/// <summary>The one way file content is named: lowercase hex sha256, checked before it is used in a path or query.</summary>
public static class ContentHash
{
    public const int HexLength = 64;

    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>True for exactly 64 lowercase hex digits, so a key can never walk out of a folder or match a pattern.</summary>
    public static bool IsValid(string? sha256) =>
        sha256 is { Length: HexLength } && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The sha256 of a stream read to its end, in 80 KB buffers.</summary>
    public static async Task<string> OfAsync(Stream content, CancellationToken cancellationToken) =>
        ToHex(await SHA256.HashDataAsync(content, cancellationToken));
}
