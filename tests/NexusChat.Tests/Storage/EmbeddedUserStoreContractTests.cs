using Microsoft.Data.Sqlite;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Embedded;

namespace NexusChat.Tests.Storage;

public sealed class EmbeddedUserStoreContractTests : UserStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-users-").FullName;

    // Each store gets its own factory over the same file, as each replica process would.
    protected override async Task<IUserStore> CreateStoreAsync(string database)
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, database + ".db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(TestTimeout());
        return new SqliteUserStore(connections);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
