using System.Globalization;
using Microsoft.Data.Sqlite;
using NexusChat.Storage.Embedded;

namespace NexusChat.Worker.Backups;

/// <summary>
/// A consistent copy of the embedded store taken while it is in use, and what the copy holds. SQLite's online backup
/// API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>) copies every page in one step inside one read
/// transaction; in WAL mode a reader never blocks the writers, so sends go on while it copies (the test measures it),
/// and the copy is the database as of that transaction's start. Chosen over <c>VACUUM INTO</c>, which reads the same
/// snapshot but rebuilds every table and index, several times the work for a smaller file.
/// </summary>
public static class StoreSnapshot
{
    /// <summary>Copies the store into a new single-file database at <paramref name="target"/> (rollback journal, no WAL beside it).</summary>
    public static async Task CopyAsync(SqliteConnectionFactory store, string target, CancellationToken cancellationToken)
    {
        await using var source = await store.OpenAsync(cancellationToken);
        await using var destination = Open(target, SqliteOpenMode.ReadWriteCreate);
        await destination.OpenAsync(cancellationToken);
        await Task.Run(() => source.BackupDatabase(destination), cancellationToken);
        await ExecuteAsync(destination, "PRAGMA journal_mode = DELETE;", cancellationToken);
    }

    /// <summary>
    /// The store's high-water marks and referenced files as the copy holds them: read from the copy, so they describe
    /// exactly what a restore gives back.
    /// </summary>
    public static async Task<StoreContents> ReadAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = Open(database, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancellationToken);
        var schema = (int)await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken);
        var messages = await ScalarAsync(connection, "SELECT count(*) FROM messages;", cancellationToken);
        var lastMessage = await ScalarAsync(connection, "SELECT coalesce(max(pk), 0) FROM messages;", cancellationToken);
        var lastOutbox = await ScalarAsync(connection, "SELECT coalesce(max(pk), 0) FROM outbox;", cancellationToken);

        var lastSeqs = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(connection, "SELECT id, last_seq FROM conversations;", cancellationToken))
        {
            lastSeqs[row.GetString(0)] = row.GetInt64(1);
        }

        // Attachments and the thumbnails the worker made of them: every file content a restored store can serve.
        var files = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(connection, """
            SELECT sha256 FROM attachments
            UNION SELECT json_extract(preview, '$.ThumbnailSha256') FROM attachments WHERE preview IS NOT NULL;
            """, cancellationToken))
        {
            if (!row.IsDBNull(0))
            {
                files.Add(row.GetString(0));
            }
        }

        return new StoreContents(schema, messages, lastMessage, lastOutbox, lastSeqs, files);
    }

    /// <summary>
    /// <c>PRAGMA integrity_check</c> on a copy: "ok", or what SQLite found wrong (a file too damaged to open is
    /// reported the same way rather than thrown).
    /// </summary>
    public static async Task<string> CheckIntegrityAsync(string database, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            await using var connection = Open(database, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(cancellationToken);
            await foreach (var row in RowsAsync(connection, "PRAGMA integrity_check;", cancellationToken))
            {
                problems.Add(row.GetString(0));
            }
        }
        catch (SqliteException exception)
        {
            problems.Add(exception.Message);
        }

        return string.Join("; ", problems);
    }

    // No pooling: a pooled connection would keep the copy open after the backup folder is renamed or deleted.
    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async IAsyncEnumerable<SqliteDataReader> RowsAsync(
        SqliteConnection connection, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }
}

/// <summary>What <see cref="StoreSnapshot.ReadAsync"/> found in a copy.</summary>
public sealed record StoreContents(
    int SchemaVersion, long Messages, long LastMessagePk, long LastOutboxPk,
    IReadOnlyDictionary<string, long> LastSeqs, IReadOnlySet<string> Files);
