using NexusChat.Storage.Accounts;
using NexusChat.Storage.Mongo;

namespace NexusChat.Tests.Storage;

/// <summary>The user store contract on a real MongoDB replica set (skipped without one, see <see cref="MongoTestDatabases"/>).</summary>
public sealed class MongoUserStoreContractTests : UserStoreContractTests, IDisposable
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<IUserStore> CreateStoreAsync(string database)
    {
        var mongo = _databases.Create(database, "user store");
        await new MongoStoreLifecycle(mongo).InitializeAsync(TestTimeout());
        return new MongoUserStore(mongo);
    }

    public void Dispose() => _databases.Dispose();
}
