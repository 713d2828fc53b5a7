using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Embedded;

public sealed class SqliteStoreLifecycle(SqliteConnectionFactory connections) : IStoreLifecycle
{
    public string Provider => "embedded";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // A migration that rebuilds a table drops the old one, which foreign keys would refuse while rows refer to it;
        // SQLite's procedure for that is to switch them off (only possible outside a transaction) and check them all
        // before the commit. Our connections switch them on again when they are next opened.
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF;", cancellationToken);
        try
        {
            await MigrateAsync(connection, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;", CancellationToken.None);
        }
    }

    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE takes the write lock up front, so replicas starting together migrate one at a time
        // and each sees the version the previous one left.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        for (var next = version + 1; next <= SqliteSchema.CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, SqliteSchema.Migrations[next - 1], cancellationToken);
        }

        // Only after a migration ran: the check reads every referring row.
        if (version < SqliteSchema.CurrentVersion)
        {
            await CheckForeignKeysAsync(connection, transaction, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {SqliteSchema.CurrentVersion};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task CheckForeignKeysAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "PRAGMA foreign_key_check;";
        if (await check.ExecuteScalarAsync(cancellationToken) is not null)
        {
            throw new InvalidOperationException("The schema migration left rows whose foreign key refers to no row; nothing was changed.");
        }
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadVersionAsync(connection, null, cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    // The schema version lives in SQLite's own user_version header field, written in the migrating transaction.
    private static async Task<int> ReadVersionAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
