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

    public SqliteConnectionFactory(string path)
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
    }

    public string Path { get; }

    // One write transaction at a time per process. SQLite admits one writer per database anyway; queueing a
    // process's writers here (in order, without sleeping) instead of in SQLite's busy handler, which polls with sleeps
    // of up to 100 ms, keeps tail latency low under concurrent sends. Writers in other processes still meet at
    // SQLite's own lock.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>A connection with a BEGIN IMMEDIATE transaction: the database's write lock is held from the start.</summary>
    public async Task<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            return new SqliteWrite(connection, connection.BeginTransaction(deferred: false), _writeGate);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
