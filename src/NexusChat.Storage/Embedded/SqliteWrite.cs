using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Embedded;

/// <summary>A write transaction from <see cref="SqliteConnectionFactory.BeginWriteAsync"/>; disposing it ends it and lets the next writer in.</summary>
public sealed class SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
