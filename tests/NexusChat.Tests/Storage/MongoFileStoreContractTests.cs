using NexusChat.Storage.Files;

namespace NexusChat.Tests.Storage;

/// <summary>The file store contract on GridFS (skipped without a replica set, see <see cref="MongoTestDatabases"/>).</summary>
public sealed class MongoFileStoreContractTests : FileStoreContractTests, IDisposable
{
    private readonly MongoTestDatabases _databases = new();

    protected override IFileStore CreateStore(string location) => new GridFsFileStore(_databases.Create(location, "file store"));

    public void Dispose() => _databases.Dispose();
}
