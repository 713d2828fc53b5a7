namespace NexusChat.Storage.Files;

/// <summary>
/// At most <c>length</c> bytes of a stream already positioned at the range's start; disposing it disposes the inner
/// stream. Both providers serve ranges through it, so a caller never reads past what it asked for. It seeks within
/// the range when the inner stream seeks: ASP.NET's HTTP Range processing needs a seekable stream of known length.
/// </summary>
public sealed class RangeReadStream(Stream inner, long length) : Stream
{
    private readonly Stream _inner = inner;
    private readonly long _length = length;
    private readonly long _start = inner.CanSeek ? inner.Position : 0;
    private long _remaining = length;

    public override bool CanRead => true;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer[..Allowed(buffer.Length)]);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        _remaining -= read;
        return read;
    }

    private int Allowed(int wanted) => (int)Math.Min(wanted, _remaining);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin)
    {
        if (!_inner.CanSeek)
        {
            throw new NotSupportedException();
        }

        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => _length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        var clamped = Math.Min(target, _length);
        _inner.Position = _start + clamped;
        _remaining = _length - clamped;
        return clamped;
    }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
