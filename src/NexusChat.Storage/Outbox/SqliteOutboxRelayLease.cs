using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Embedded;

namespace NexusChat.Storage.Outbox;

/// <summary>
/// The relay lease as one row of <c>outbox_lease</c>. The embedded store is shared by the processes of one host, so
/// their one clock judges expiry; a write goes through the writer queue like every change.
/// </summary>
/// <param name="time">The clock of the expiry times (tests move it).</param>
public sealed class SqliteOutboxRelayLease(SqliteConnectionFactory connections, TimeProvider? time = null) : IOutboxRelayLease
{
    private const string LeaseName = "outbox-relay";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = _time.GetUtcNow();
        var changed = await connections.WriteAsync(async write =>
        {
            await using var command = write.Connection.CreateCommand();
            command.Transaction = write.Transaction;
            // The conflict's WHERE leaves a live lease of another holder untouched: then no row changes.
            command.CommandText =
                """
                INSERT INTO outbox_lease (name, holder, expires_at) VALUES ($name, $holder, $expires)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE outbox_lease.holder = excluded.holder OR outbox_lease.expires_at < $now;
                """;
            command.Parameters.AddWithValue("$name", LeaseName);
            command.Parameters.AddWithValue("$holder", holder);
            command.Parameters.AddWithValue("$expires", SqliteOutbox.Time(now + duration));
            command.Parameters.AddWithValue("$now", SqliteOutbox.Time(now));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        return changed == 1;
    }

    public Task ReleaseAsync(string holder, CancellationToken cancellationToken) =>
        connections.WriteAsync(async write =>
        {
            await using var command = write.Connection.CreateCommand();
            command.Transaction = write.Transaction;
            command.CommandText = "DELETE FROM outbox_lease WHERE name = $name AND holder = $holder;";
            command.Parameters.AddWithValue("$name", LeaseName);
            command.Parameters.AddWithValue("$holder", holder);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
