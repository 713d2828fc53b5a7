using System.Text.Json;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<IReadOnlyList<MessageRecord>> GetMessagesBeforeAsync(
        string conversationId, long? beforeSeq, int limit, CancellationToken cancellationToken) =>
        QueryMessagesAsync(
            "m.conversation_id = $conversationId AND ($bound IS NULL OR m.seq < $bound) ORDER BY m.seq DESC",
            conversationId, beforeSeq, limit, cancellationToken);

    public Task<IReadOnlyList<MessageRecord>> GetMessagesAfterAsync(
        string conversationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        QueryMessagesAsync(
            "m.conversation_id = $conversationId AND m.seq > $bound ORDER BY m.seq",
            conversationId, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyList<MessageRecord>> GetChangesSinceAsync(
        string conversationId, long sinceVersion, int limit, CancellationToken cancellationToken) =>
        QueryMessagesAsync(
            "m.conversation_id = $conversationId AND m.version > $bound ORDER BY m.version",
            conversationId, sinceVersion, limit, cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListForUserAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<ConversationSummary>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"""
                SELECT {ConversationColumns}, {MemberColumns},
                    (SELECT count(*) FROM messages m
                     WHERE m.conversation_id = c.id AND m.seq > mb.last_read_seq AND m.sender_id <> mb.user_id
                       AND m.deleted = 0 AND (m.thread_id IS NULL OR m.also_to_channel = 1)),
                    (SELECT count(*) FROM messages m
                     WHERE m.conversation_id = c.id AND m.seq > mb.last_read_seq AND m.sender_id <> mb.user_id
                       AND m.deleted = 0 AND EXISTS (SELECT 1 FROM json_each(m.mentions) WHERE value = mb.user_id)),
                    (SELECT m.id FROM messages m
                     WHERE m.conversation_id = c.id AND m.deleted = 0 AND (m.thread_id IS NULL OR m.also_to_channel = 1)
                     ORDER BY m.seq DESC LIMIT 1)
                FROM members mb JOIN conversations c ON c.id = mb.conversation_id
                WHERE mb.user_id = $userId
                ORDER BY c.last_activity_at DESC, c.id
                LIMIT $limit;
                """);
            Bind(command, "$userId", userId);
            Bind(command, "$limit", limit);
            var rows = new List<(ConversationSummary Summary, string? LastMessageId)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var summary = new ConversationSummary(
                        ReadConversation(reader), ReadMember(reader, 10), reader.GetInt64(16), reader.GetInt64(17), null);
                    rows.Add((summary, reader.IsDBNull(18) ? null : reader.GetString(18)));
                }
            }

            await using var lastMessages = Command(connection, transaction,
                $"SELECT {MessageColumns} FROM messages m WHERE m.id IN (SELECT value FROM json_each($ids));");
            Bind(lastMessages, "$ids", JsonSerializer.Serialize(rows.Select(r => r.LastMessageId).OfType<string>()));
            var byId = (await ReadMessagesAsync(lastMessages, cancellationToken)).ToDictionary(m => m.Id);
            return rows.ConvertAll(r => r.LastMessageId is null ? r.Summary : r.Summary with { LastMessage = byId[r.LastMessageId] });
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MessageRecord>> SearchAsync(string userId, string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var phrases = SearchTerms.Phrases(query);
        if (phrases.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MessageRecord>>([]);
        }

        return ReadAsync<IReadOnlyList<MessageRecord>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"""
                SELECT {MessageColumns} FROM messages_fts JOIN messages m ON m.pk = messages_fts.rowid
                WHERE messages_fts MATCH $match AND m.deleted = 0
                  AND m.conversation_id IN (SELECT conversation_id FROM members WHERE user_id = $userId)
                ORDER BY m.created_at DESC, m.pk DESC
                LIMIT $limit;
                """);
            Bind(command, "$match", string.Join(' ', phrases));
            Bind(command, "$userId", userId);
            Bind(command, "$limit", limit);
            return await ReadMessagesAsync(command, cancellationToken);
        }, cancellationToken);
    }

    // The condition is one of this class's constants, never input; $bound is the only value it compares with.
    private Task<IReadOnlyList<MessageRecord>> QueryMessagesAsync(
        string conditionAndOrder, string conversationId, long? bound, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<MessageRecord>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"SELECT {MessageColumns} FROM messages m WHERE {conditionAndOrder} LIMIT $limit;");
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$bound", bound);
            Bind(command, "$limit", limit);
            return await ReadMessagesAsync(command, cancellationToken);
        }, cancellationToken);
    }
}
