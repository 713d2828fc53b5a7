using Microsoft.Data.Sqlite;
using NexusChat.Storage;
using NexusChat.Storage.Embedded;

namespace NexusChat.Tests.Storage;

public sealed class EmbeddedStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-store-").FullName;

    protected override int CurrentSchemaVersion => SqliteSchema.CurrentVersion;

    // Each store gets its own factory, as each replica process would.
    protected override IStoreLifecycle CreateStore(string database) =>
        new SqliteStoreLifecycle(new SqliteConnectionFactory(Path.Combine(_folder, database + ".db")));

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogModeSoReadersDoNotBlockTheWriter()
    {
        var path = Path.Combine(_folder, "wal.db");
        await new SqliteStoreLifecycle(new SqliteConnectionFactory(path)).InitializeAsync(TestTimeout());

        await using var connection = await new SqliteConnectionFactory(path).OpenAsync(TestTimeout());
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestTimeout()));
    }

    [Fact]
    public async Task PingFailsWhenTheDatabaseCannotBeOpened()
    {
        // A directory where the database file should be: SQLite cannot open it.
        var path = Path.Combine(_folder, "not-a-file.db");
        Directory.CreateDirectory(path);

        await Assert.ThrowsAsync<SqliteException>(() =>
            new SqliteStoreLifecycle(new SqliteConnectionFactory(path)).PingAsync(TestTimeout()));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
