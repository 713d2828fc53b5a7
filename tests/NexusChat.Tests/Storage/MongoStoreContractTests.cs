using NexusChat.Storage;
using NexusChat.Storage.Mongo;

namespace NexusChat.Tests.Storage;

/// <summary>The store contract on a real MongoDB replica set (skipped without one, see <see cref="MongoTestDatabases"/>).</summary>
public sealed class MongoStoreContractTests : StoreContractTests, IDisposable
{
    private readonly MongoTestDatabases _databases = new();

    protected override int CurrentSchemaVersion => MongoSchema.CurrentVersion;

    protected override IStoreLifecycle CreateStore(string database) =>
        new MongoStoreLifecycle(_databases.Create(database, "store"));

    public void Dispose() => _databases.Dispose();
}
