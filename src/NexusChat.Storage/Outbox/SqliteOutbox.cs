using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Embedded;

namespace NexusChat.Storage.Outbox;

/// <param name="time">The clock of the published marks (tests move it; the purge compares with it).</param>
public sealed class SqliteOutbox(SqliteConnectionFactory connections, TimeProvider? time = null) : IOutboxStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Rows are appended under the write lock, so rowid order is commit order.
        command.CommandText =
            """
            SELECT event_id, event_type, payload, created_at, trace_parent FROM outbox
            WHERE published_at IS NULL
            ORDER BY pk
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", limit);
        var pending = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new OutboxMessage(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return pending;
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        // Through the process's writer queue like every change, not past it into SQLite's busy wait.
        await connections.WriteAsync(async write =>
        {
            await using var command = write.Connection.CreateCommand();
            command.Transaction = write.Transaction;
            command.CommandText =
                """
                UPDATE outbox SET published_at = $now
                WHERE published_at IS NULL AND event_id IN (SELECT value FROM json_each($ids));
                """;
            command.Parameters.AddWithValue("$now", Time(_time.GetUtcNow()));
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(eventIds.Select(id => id.ToString("D"))));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<int> PurgePublishedAsync(DateTimeOffset publishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // One bounded delete per call, through the writer queue: the caller loops, so other writes get the lock
        // between batches. The partial index on published_at finds the batch without reading the young rows.
        return connections.WriteAsync(async write =>
        {
            await using var command = write.Connection.CreateCommand();
            command.Transaction = write.Transaction;
            command.CommandText =
                """
                DELETE FROM outbox WHERE pk IN (
                    SELECT pk FROM outbox INDEXED BY outbox_published
                    WHERE published_at IS NOT NULL AND published_at < $before
                    ORDER BY published_at
                    LIMIT $limit);
                """;
            command.Parameters.AddWithValue("$before", Time(publishedBefore));
            command.Parameters.AddWithValue("$limit", limit);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    // Round-trip text of the UTC instant: one fixed format, so text order is time order.
    internal static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Records the event in the caller's transaction, so it commits or rolls back with the change.</summary>
    internal static async Task AppendAsync(
        SqliteConnection connection, SqliteTransaction transaction, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        var message = OutboxMessage.For(@event);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO outbox (event_id, event_type, payload, created_at, trace_parent)
            VALUES ($eventId, $eventType, $payload, $createdAt, $traceParent);
            """;
        command.Parameters.AddWithValue("$eventId", message.EventId.ToString("D"));
        command.Parameters.AddWithValue("$eventType", message.EventType);
        command.Parameters.AddWithValue("$payload", message.Payload);
        command.Parameters.AddWithValue("$createdAt", Time(message.CreatedAt));
        command.Parameters.AddWithValue("$traceParent", (object?)message.TraceParent ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
