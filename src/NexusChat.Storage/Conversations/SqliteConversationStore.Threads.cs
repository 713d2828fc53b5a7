using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<IReadOnlyList<MessageRecord>> GetThreadRepliesAsync(
        string conversationId, string rootId, long? beforeSeq, long? afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<MessageRecord>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                afterSeq is null
                    ? $"""
                      SELECT {MessageColumns} FROM messages m
                      WHERE m.thread_id = $rootId AND m.conversation_id = $conversationId AND ($bound IS NULL OR m.seq < $bound)
                      ORDER BY m.seq DESC LIMIT $limit;
                      """
                    : $"""
                      SELECT {MessageColumns} FROM messages m
                      WHERE m.thread_id = $rootId AND m.conversation_id = $conversationId AND m.seq > $bound
                      ORDER BY m.seq LIMIT $limit;
                      """);
            Bind(command, "$rootId", rootId);
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$bound", afterSeq ?? beforeSeq);
            Bind(command, "$limit", limit);
            return await ReadMessagesAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Rewrites a thread root's summary inside the caller's write (so the reply and its count commit together, and the
    /// write lock orders concurrent replies) and gives the root the change's version, so the sync cursor carries the
    /// new summary. Returns the root as changed.
    /// </summary>
    private static async Task<MessageRecord> ChangeThreadRootAsync(
        SqliteConnection connection, SqliteTransaction transaction, string conversationId, string rootId, long version,
        Func<ThreadSummary?, Task<ThreadSummary?>> change, CancellationToken cancellationToken)
    {
        var root = await FindMessageAsync(connection, transaction, conversationId, rootId, cancellationToken)
            ?? throw new InvalidOperationException($"Thread root {rootId} is not a message of {conversationId}; callers check it first.");
        var changed = root with { Thread = await change(root.Thread), Version = version };
        await using var command = Command(connection, transaction, "UPDATE messages SET thread = $thread, version = $version WHERE id = $id;");
        Bind(command, "$id", rootId);
        Bind(command, "$thread", changed.Thread is null ? null : JsonSerializer.Serialize(changed.Thread));
        Bind(command, "$version", version);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return changed;
    }

    private static async Task<bool> HasRepliedAsync(
        SqliteConnection connection, SqliteTransaction transaction, string rootId, string senderId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT EXISTS (SELECT 1 FROM messages WHERE thread_id = $rootId AND sender_id = $senderId);");
        Bind(command, "$rootId", rootId);
        Bind(command, "$senderId", senderId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }
}
