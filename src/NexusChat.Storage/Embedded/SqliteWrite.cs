using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// One write inside a shared transaction (<see cref="SqliteGroupCommit"/>): its own savepoint, so it commits with the
/// others or, when it throws or calls <see cref="Discard"/>, leaves no trace while the others still commit.
/// </summary>
public sealed class SqliteWrite(SqliteConnection connection, SqliteTransaction transaction)
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    internal bool Discarded { get; private set; }

    /// <summary>Undo what this write did (it found nothing to change) without failing it.</summary>
    public void Discard() => Discarded = true;
}
