using System.Diagnostics;
using System.Security.Cryptography;
using NexusChat.Storage.Files;

namespace NexusChat.Tests.Storage;

/// <summary>The file store contract on a folder, as the replicas of one host share it with the embedded store.</summary>
public sealed class FilesystemFileStoreContractTests : FileStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-files-").FullName;

    protected override IFileStore CreateStore(string location) => new FilesystemFileStore(Path.Combine(_folder, location));

    [Fact]
    public async Task NoTemporaryFileIsLeftBehind()
    {
        var root = Path.Combine(_folder, "leftovers");
        var store = new FilesystemFileStore(root);

        await store.PutAsync(new MemoryStream([1, 2, 3]), CancellationToken.None);
        await store.PutAsync(new MemoryStream([1, 2, 3]), CancellationToken.None);

        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ATakenFileOnTheSameFilesystemIsRenamedIntoPlaceNotCopied()
    {
        var store = new FilesystemFileStore(Path.Combine(_folder, "renamed"));
        var staged = await WriteTemporaryFileAsync(RandomNumberGenerator.GetBytes(100_000));
        var inode = Inode(staged);

        var stored = await store.TakeFileAsync(staged, CancellationToken.None);

        // The same inode under the content's name: the bytes were not written a second time.
        Assert.Equal(inode, Inode(Path.Combine(_folder, "renamed", stored.Sha256[..2], stored.Sha256)));
    }

    private static string Inode(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%d:%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return inode;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
