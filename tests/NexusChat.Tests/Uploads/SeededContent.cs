using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NexusChat.Tests.Uploads;

/// <summary>
/// A file of pseudo-random bytes made on the fly from a seed: word <c>i</c> (8 bytes, little-endian) is SplitMix64 of
/// <c>seed + i</c>. Any range can be made again without the bytes before it, so a test sends gigabytes that are in no
/// repository and resumes from whatever offset the server reports.
/// </summary>
public sealed class SeededContent(ulong seed)
{
    public void Fill(Span<byte> destination, long offset)
    {
        var word = (ulong)(offset / 8);
        var skip = (int)(offset % 8);
        Span<byte> partial = stackalloc byte[8];
        if (skip != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(partial, Word(word++));
            var head = Math.Min(8 - skip, destination.Length);
            partial.Slice(skip, head).CopyTo(destination);
            destination = destination[head..];
        }

        var whole = MemoryMarshal.Cast<byte, ulong>(destination);
        for (var i = 0; i < whole.Length; i++)
        {
            whole[i] = BitConverter.IsLittleEndian ? Word(word + (ulong)i) : BinaryPrimitives.ReverseEndianness(Word(word + (ulong)i));
        }

        var tail = destination[(whole.Length * 8)..];
        if (!tail.IsEmpty)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(partial, Word(word + (ulong)whole.Length));
            partial[..tail.Length].CopyTo(tail);
        }
    }

    // SplitMix64's output function: every input bit reaches every output bit.
    private ulong Word(ulong index)
    {
        var z = seed + index * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
