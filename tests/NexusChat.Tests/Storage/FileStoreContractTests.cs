using System.Security.Cryptography;
using NexusChat.Storage.Files;

namespace NexusChat.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IFileStore"/> provider promises. Each provider's test class supplies stores over a
/// fresh location; a provider whose server is not available skips every test with the reason.
/// </summary>
public abstract class FileStoreContractTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A store over <paramref name="location"/>; each call is a separate store (as each replica has its own).</summary>
    protected abstract IFileStore CreateStore(string location);

    private static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    private static string NewLocation() => $"files{Guid.NewGuid():N}"[..20];

    private static byte[] RandomBytes(int size) => RandomNumberGenerator.GetBytes(size);

    [SkippableFact]
    public async Task StoredContentReadsBackWholeUnderItsSha256()
    {
        var store = CreateStore(NewLocation());
        var content = RandomBytes(3 * 1024 * 1024 + 17);

        var stored = await store.PutAsync(new OneWayStream(content), TestTimeout());

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal(stored, await store.FindAsync(stored.Sha256, TestTimeout()));
        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256, 0, null));
    }

    [SkippableFact]
    public async Task TheSameContentStoredTwiceByTwoReplicasIsOneCopy()
    {
        var location = NewLocation();
        var (first, second) = (CreateStore(location), CreateStore(location));
        var content = RandomBytes(256 * 1024);

        var stored = await Task.WhenAll(
            Task.Run(() => first.PutAsync(new OneWayStream(content), TestTimeout())),
            Task.Run(() => second.PutAsync(new OneWayStream(content), TestTimeout())));
        await first.PutAsync(new OneWayStream(content), TestTimeout());

        Assert.Equal(stored[0], stored[1]);
        Assert.Equal(content, await ReadAllAsync(second, stored[0].Sha256, 0, null));
        Assert.True(await first.DeleteAsync(stored[0].Sha256, TestTimeout()));
        Assert.Null(await second.FindAsync(stored[0].Sha256, TestTimeout()));
        Assert.Null(await second.OpenReadAsync(stored[0].Sha256, 0, null, TestTimeout()));
    }

    [SkippableFact]
    public async Task ARangeReadGivesExactlyThoseBytes()
    {
        var store = CreateStore(NewLocation());
        var content = RandomBytes(1024 * 1024);
        var sha256 = (await store.PutAsync(new OneWayStream(content), TestTimeout())).Sha256;

        Assert.Equal(content[1000..5000], await ReadAllAsync(store, sha256, 1000, 4000));
        Assert.Equal(content[(content.Length - 10)..], await ReadAllAsync(store, sha256, content.Length - 10, 1000));
        Assert.Empty(await ReadAllAsync(store, sha256, content.Length + 5, null));
    }

    [SkippableFact]
    public async Task AnEmptyFileIsAFileToo()
    {
        var store = CreateStore(NewLocation());

        var stored = await store.PutAsync(new OneWayStream([]), TestTimeout());

        Assert.Equal(new StoredFile(Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)), 0), stored);
        Assert.Empty(await ReadAllAsync(store, stored.Sha256, 0, null));
    }

    [SkippableFact]
    public async Task ATakenFileIsStoredUnderItsSha256AndLeavesItsPathEvenWhenItsContentWasStored()
    {
        var store = CreateStore(NewLocation());
        var content = RandomBytes(2 * 1024 * 1024 + 5);
        var (first, second) = (await WriteTemporaryFileAsync(content), await WriteTemporaryFileAsync(content));

        var stored = await store.TakeFileAsync(first, TestTimeout());
        var again = await store.TakeFileAsync(second, TestTimeout());

        Assert.Equal(new StoredFile(Convert.ToHexStringLower(SHA256.HashData(content)), content.Length), stored);
        Assert.Equal(stored, again);
        Assert.False(File.Exists(first), "the taken file stayed at its path");
        Assert.False(File.Exists(second), "the taken duplicate stayed at its path");
        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256, 0, null));
    }

    /// <summary>A file of <paramref name="content"/> where an upload's staging file would be: outside any store.</summary>
    protected static async Task<string> WriteTemporaryFileAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexuschat-staged-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    [SkippableTheory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task AnUnknownOrMalformedKeyFindsNothing(string sha256)
    {
        var store = CreateStore(NewLocation());
        await store.PutAsync(new OneWayStream(RandomBytes(10)), TestTimeout());

        Assert.Null(await store.FindAsync(sha256, TestTimeout()));
        Assert.Null(await store.OpenReadAsync(sha256, 0, null, TestTimeout()));
        Assert.False(await store.DeleteAsync(sha256, TestTimeout()));
    }

    private static async Task<byte[]> ReadAllAsync(IFileStore store, string sha256, long offset, long? length)
    {
        await using var stream = await store.OpenReadAsync(sha256, offset, length, TestTimeout());
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestTimeout());
        return copy.ToArray();
    }

    /// <summary>Content as a request body gives it: forward only, length unknown, in small reads.</summary>
    private sealed class OneWayStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(Math.Min(count, 7000), content.Length - _position);
            content.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
            _position += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
