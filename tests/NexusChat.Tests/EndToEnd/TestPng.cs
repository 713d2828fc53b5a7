using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// A valid PNG built byte by byte (signature, IHDR, one zlib IDAT, IEND, each chunk with its CRC-32), so browser tests
/// need no image library: 8-bit RGB with a gradient, so every size gives different bytes.
/// </summary>
public static class TestPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Gradient(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB; compression, filter and interlace stay 0
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(Scanlines(width, height)));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    // Each row: filter type 0 (none), then red by column, green by row, a fixed blue.
    private static byte[] Scanlines(int width, int height)
    {
        var rows = new byte[height * (1 + (3 * width))];
        var at = 0;
        for (var y = 0; y < height; y++)
        {
            rows[at++] = 0;
            for (var x = 0; x < width; x++)
            {
                rows[at++] = (byte)(255 * x / Math.Max(1, width - 1));
                rows[at++] = (byte)(255 * y / Math.Max(1, height - 1));
                rows[at++] = 160;
            }
        }

        return rows;
    }

    private static byte[] Compress(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
