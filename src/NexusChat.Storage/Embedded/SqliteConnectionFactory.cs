using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// Opens connections to the embedded store: one SQLite database in WAL mode shared by every service process on
/// this host. WAL lets readers run beside the single writer; the busy timeout makes concurrent writers from
/// several processes wait for the lock instead of failing.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SqliteGroupCommit _groupCommit;

    /// <param name="backgroundCheckpoints">
    /// True when <see cref="SqliteCheckpoints"/> runs in this process: commits then never checkpoint themselves.
    /// </param>
    public SqliteConnectionFactory(string path, bool backgroundCheckpoints = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
            + (backgroundCheckpoints ? " PRAGMA wal_autocheckpoint = 0;" : "");
        _groupCommit = new SqliteGroupCommit(this, new SqliteWriterLock(Path));
    }

    public string Path { get; }

    /// <summary>
    /// Runs <paramref name="write"/> in this process's next shared write transaction (<see cref="SqliteGroupCommit"/>);
    /// the task completes once that transaction committed.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> write, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(write, cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = _pragmas;
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
