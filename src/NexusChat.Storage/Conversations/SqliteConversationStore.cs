using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NexusChat.Contracts.Calls;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The embedded provider of <see cref="IConversationStore"/>, split by concern into partial files. Every change runs
/// in a BEGIN IMMEDIATE transaction shared with the process's other waiting writes (group commit,
/// <see cref="SqliteGroupCommit"/>): it holds SQLite's single write lock before reading, so the reads that decide a
/// write (the next seq, an existing client message id, a present reaction) cannot go stale before the commit, even
/// with writers in other processes; the outbox row commits or rolls back with the change.
/// </summary>
public sealed partial class SqliteConversationStore(SqliteConnectionFactory connections, OutboxSignal? outboxSignal = null) : IConversationStore
{
    private const string ConversationColumns =
        "c.id, c.type, c.name, c.topic, c.visibility, c.created_by, c.created_at, c.last_activity_at, c.last_seq, c.version";

    private const string MemberColumns = "mb.conversation_id, mb.user_id, mb.role, mb.last_read_seq, mb.joined_at, mb.muted";

    private const string MessageColumns =
        "m.pk, m.id, m.conversation_id, m.seq, m.sender_id, m.text, m.created_at, m.edited_at, m.deleted, m.reply_to_id, " +
        "m.mentions, m.client_message_id, m.version, m.attachments, m.thread_id, m.also_to_channel, m.thread, m.call";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoReactions =
        ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        var result = await connections.WriteAsync(w => write(w.Connection, w.Transaction), cancellationToken);
        // Also after a write that appended no event: a needless wake-up only costs the relay one empty query.
        outboxSignal?.Written();
        return result;
    }

    // A deferred transaction around several reads gives them one WAL snapshot, so a message and its reactions (or a
    // conversation list and its last messages) are read as of the same commit.
    private async Task<T> ReadAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var result = await read(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    // Fixed-width UTC round-trip text: exact to the tick, and sorts in time order as plain text.
    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static ConversationRecord ReadConversation(SqliteDataReader reader, int at = 0) => new(
        Id: reader.GetString(at),
        Type: reader.GetString(at + 1),
        Name: reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2),
        Topic: reader.IsDBNull(at + 3) ? null : reader.GetString(at + 3),
        Visibility: reader.IsDBNull(at + 4) ? null : reader.GetString(at + 4),
        CreatedBy: reader.GetString(at + 5),
        CreatedAt: ParseTime(reader.GetString(at + 6)),
        LastActivityAt: ParseTime(reader.GetString(at + 7)),
        LastSeq: reader.GetInt64(at + 8),
        Version: reader.GetInt64(at + 9));

    private static MemberRecord ReadMember(SqliteDataReader reader, int at = 0) => new(
        ConversationId: reader.GetString(at),
        UserId: reader.GetString(at + 1),
        Role: reader.GetString(at + 2),
        LastReadSeq: reader.GetInt64(at + 3),
        JoinedAt: ParseTime(reader.GetString(at + 4)),
        Muted: reader.GetBoolean(at + 5));

    private static async Task<ConversationRecord?> ReadConversationAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadConversation(reader) : null;
    }

    private static async Task<MemberRecord?> ReadMemberAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMember(reader) : null;
    }

    /// <summary>Runs a query selecting <see cref="MessageColumns"/> and attaches each message's reactions.</summary>
    private static async Task<List<MessageRecord>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(long Pk, MessageRecord Message)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), ReadMessage(reader)));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        await using var reactionsQuery = Command(command.Connection!, command.Transaction!,
            """
            SELECT message_pk, emoji, user_id FROM reactions
            WHERE message_pk IN (SELECT value FROM json_each($pks))
            ORDER BY pk;
            """);
        Bind(reactionsQuery, "$pks", JsonSerializer.Serialize(rows.Select(r => r.Pk)));
        var reactions = new Dictionary<long, Dictionary<string, List<string>>>();
        await using (var reader = await reactionsQuery.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var byEmoji = reactions.TryGetValue(reader.GetInt64(0), out var found) ? found : reactions[reader.GetInt64(0)] = [];
                var emoji = reader.GetString(1);
                (byEmoji.TryGetValue(emoji, out var users) ? users : byEmoji[emoji] = []).Add(reader.GetString(2));
            }
        }

        return rows.ConvertAll(row => reactions.TryGetValue(row.Pk, out var byEmoji)
            ? row.Message with { Reactions = byEmoji.ToDictionary(e => e.Key, IReadOnlyList<string> (e) => e.Value) }
            : row.Message);
    }

    private static MessageRecord ReadMessage(SqliteDataReader reader) => new(
        Id: reader.GetString(1),
        ConversationId: reader.GetString(2),
        Seq: reader.GetInt64(3),
        SenderId: reader.GetString(4),
        Text: reader.IsDBNull(5) ? null : reader.GetString(5),
        CreatedAt: ParseTime(reader.GetString(6)),
        EditedAt: reader.IsDBNull(7) ? null : ParseTime(reader.GetString(7)),
        Deleted: reader.GetBoolean(8),
        ReplyToId: reader.IsDBNull(9) ? null : reader.GetString(9),
        Mentions: JsonSerializer.Deserialize<string[]>(reader.GetString(10)) ?? [],
        Reactions: NoReactions,
        ClientMessageId: reader.GetString(11),
        Version: reader.GetInt64(12))
    {
        Attachments = JsonSerializer.Deserialize<AttachmentRecord[]>(reader.GetString(13)) ?? [],
        ThreadId = reader.IsDBNull(14) ? null : reader.GetString(14),
        AlsoToChannel = reader.GetBoolean(15),
        Thread = reader.IsDBNull(16) ? null : JsonSerializer.Deserialize<ThreadSummary>(reader.GetString(16)),
        Call = reader.IsDBNull(17) ? null : JsonSerializer.Deserialize<MessageCallDto>(reader.GetString(17)),
    };
}
