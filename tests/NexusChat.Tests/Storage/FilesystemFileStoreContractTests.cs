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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
