using System.Text.Json;
using Microsoft.Data.Sqlite;
using NexusChat.Contracts.Calls;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations.Events;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<Stored<MessageRecord>?> SendMessageAsync(NewMessage message, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var find = Command(connection, transaction,
                $"""
                SELECT {MessageColumns} FROM messages m
                WHERE m.conversation_id = $conversationId AND m.sender_id = $senderId AND m.client_message_id = $clientMessageId;
                """);
            Bind(find, "$conversationId", message.ConversationId);
            Bind(find, "$senderId", message.SenderId);
            Bind(find, "$clientMessageId", message.ClientMessageId);
            if ((await ReadMessagesAsync(find, cancellationToken)).FirstOrDefault() is { } existing)
            {
                return new Stored<MessageRecord>(existing, Created: false);
            }

            // Seq and version come from the conversation row inside the write lock: the next writer, in this process
            // or another, sees this increment, so seqs are gapless and unique without retries.
            var now = DateTimeOffset.UtcNow;
            await using var allocate = Command(connection, transaction,
                """
                UPDATE conversations SET last_seq = last_seq + 1, version = version + 1, last_activity_at = $now
                WHERE id = $conversationId
                RETURNING last_seq, version;
                """);
            Bind(allocate, "$conversationId", message.ConversationId);
            Bind(allocate, "$now", Time(now));
            long seq, version;
            await using (var reader = await allocate.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                (seq, version) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            var stored = new MessageRecord(
                NewId(), message.ConversationId, seq, message.SenderId, message.Text, now, null, false, message.ReplyToId,
                message.Mentions, NoReactions, message.ClientMessageId, version)
            {
                Attachments = message.Attachments, ThreadId = message.ThreadId, AlsoToChannel = message.AlsoToChannel, Call = message.Call,
            };
            // Before the insert, so the reply being stored does not make its sender look like an earlier participant.
            var root = message.ThreadId is { } rootId
                ? await ChangeThreadRootAsync(connection, transaction, stored.ConversationId, rootId, version,
                    async summary => ThreadSummary.AfterReply(summary, stored.SenderId, now,
                        firstReplyBySender: !await HasRepliedAsync(connection, transaction, rootId, stored.SenderId, cancellationToken)),
                    cancellationToken)
                : null;
            await using var insert = Command(connection, transaction,
                """
                INSERT INTO messages (id, conversation_id, seq, sender_id, text, created_at, edited_at, deleted,
                                      reply_to_id, mentions, client_message_id, version, attachments, thread_id, also_to_channel, call)
                VALUES ($id, $conversationId, $seq, $senderId, $text, $createdAt, NULL, 0,
                        $replyToId, $mentions, $clientMessageId, $version, $attachments, $threadId, $alsoToChannel, $call);
                INSERT OR IGNORE INTO attachments (file_id, message_pk, conversation_id, name, content_type, size, sha256, preview)
                SELECT json_extract(a.value, '$.FileId'), (SELECT pk FROM messages WHERE id = $id), $conversationId,
                       json_extract(a.value, '$.Name'), json_extract(a.value, '$.ContentType'), json_extract(a.value, '$.Size'),
                       json_extract(a.value, '$.Sha256'), json_extract(a.value, '$.Preview')
                FROM json_each($attachments) a;
                """);
            Bind(insert, "$id", stored.Id);
            Bind(insert, "$conversationId", stored.ConversationId);
            Bind(insert, "$seq", seq);
            Bind(insert, "$senderId", stored.SenderId);
            Bind(insert, "$text", stored.Text);
            Bind(insert, "$createdAt", Time(now));
            Bind(insert, "$replyToId", stored.ReplyToId);
            Bind(insert, "$mentions", JsonSerializer.Serialize(stored.Mentions));
            Bind(insert, "$clientMessageId", stored.ClientMessageId);
            Bind(insert, "$version", version);
            Bind(insert, "$attachments", JsonSerializer.Serialize(stored.Attachments));
            Bind(insert, "$threadId", stored.ThreadId);
            Bind(insert, "$alsoToChannel", stored.AlsoToChannel);
            Bind(insert, "$call", stored.Call is null ? null : JsonSerializer.Serialize(stored.Call));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await SqliteOutbox.AppendAsync(connection, transaction, new MessageCreated(stored, root), cancellationToken);
            if (AttachmentsPosted.IsNeededFor(stored))
            {
                await SqliteOutbox.AppendAsync(connection, transaction, new AttachmentsPosted(stored), cancellationToken);
            }

            return new Stored<MessageRecord>(stored, Created: true);
        }, cancellationToken);

    public Task<MessageRecord?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction) => FindMessageAsync(connection, transaction, conversationId, messageId, cancellationToken), cancellationToken);

    public Task<AttachmentRecord?> FindAttachmentForMemberAsync(string fileId, string userId, CancellationToken cancellationToken) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                """
                SELECT a.file_id, a.name, a.content_type, a.size, a.sha256, a.preview FROM attachments a
                JOIN members mb ON mb.conversation_id = a.conversation_id AND mb.user_id = $userId
                WHERE a.file_id = $fileId
                LIMIT 1;
                """);
            Bind(command, "$fileId", fileId);
            Bind(command, "$userId", userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new AttachmentRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4))
                {
                    // Null on rows written before previews existed: those are pending.
                    Preview = reader.IsDBNull(5) ? AttachmentPreview.Pending : JsonSerializer.Deserialize<AttachmentPreview>(reader.GetString(5))!,
                }
                : null;
        }, cancellationToken);

    public Task<MessageRecord?> SetAttachmentPreviewAsync(
        string conversationId, string messageId, string fileId, AttachmentPreview preview, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (connection, transaction, current, version) =>
        {
            if (AttachmentPreviewChange.Apply(current, fileId, preview) is not { } attachments)
            {
                return null;
            }

            var changed = current with { Attachments = attachments, Version = version };
            // The message row for readers of the message, the access index for the thumbnail route.
            await using var command = Command(connection, transaction,
                """
                UPDATE messages SET attachments = $attachments, version = $version WHERE id = $id;
                UPDATE attachments SET preview = $preview
                WHERE message_pk = (SELECT pk FROM messages WHERE id = $id) AND file_id = $fileId;
                """);
            Bind(command, "$id", messageId);
            Bind(command, "$fileId", fileId);
            Bind(command, "$attachments", JsonSerializer.Serialize(attachments));
            Bind(command, "$preview", JsonSerializer.Serialize(preview));
            Bind(command, "$version", version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return (changed, new AttachmentPreviewChanged(changed, fileId));
        }, cancellationToken);

    public Task<MessageRecord?> SetCallAsync(string conversationId, string messageId, MessageCallDto call, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (connection, transaction, current, version) =>
        {
            if (MessageCallChange.Apply(current, call) is not { } merged)
            {
                return null;
            }

            var changed = current with { Call = merged, Version = version };
            await using var command = Command(connection, transaction, "UPDATE messages SET call = $call, version = $version WHERE id = $id;");
            Bind(command, "$id", messageId);
            Bind(command, "$call", JsonSerializer.Serialize(merged));
            Bind(command, "$version", version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return (changed, new MessageCallChanged(changed));
        }, cancellationToken);

    public Task<MessageRecord?> EditMessageAsync(
        string conversationId, string messageId, string text, IReadOnlyList<string> mentions, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (connection, transaction, current, version) =>
        {
            var edited = current with { Text = text, Mentions = mentions, EditedAt = DateTimeOffset.UtcNow, Version = version };
            await using var command = Command(connection, transaction,
                "UPDATE messages SET text = $text, mentions = $mentions, edited_at = $editedAt, version = $version WHERE id = $id;");
            Bind(command, "$id", messageId);
            Bind(command, "$text", text);
            Bind(command, "$mentions", JsonSerializer.Serialize(mentions));
            Bind(command, "$editedAt", Time(edited.EditedAt!.Value));
            Bind(command, "$version", version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return (edited, new MessageEdited(edited));
        }, cancellationToken);

    public Task<MessageRecord?> DeleteMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (connection, transaction, current, version) =>
        {
            var tombstone = current with { Text = null, Mentions = [], Reactions = NoReactions, Deleted = true, Version = version, Attachments = [] };
            await using var command = Command(connection, transaction,
                """
                DELETE FROM reactions WHERE message_pk = (SELECT pk FROM messages WHERE id = $id);
                DELETE FROM attachments WHERE message_pk = (SELECT pk FROM messages WHERE id = $id);
                UPDATE messages SET text = NULL, mentions = '[]', attachments = '[]', deleted = 1, version = $version WHERE id = $id;
                """);
            Bind(command, "$id", messageId);
            Bind(command, "$version", version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            var root = current.ThreadId is { } rootId
                ? await ChangeThreadRootAsync(connection, transaction, conversationId, rootId, version,
                    summary => Task.FromResult(summary?.AfterReplyDeleted()), cancellationToken)
                : null;
            return (tombstone, new MessageDeleted(tombstone, root));
        }, cancellationToken);

    public Task<MessageRecord?> AddReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken) =>
        ChangeReactionAsync(conversationId, messageId, userId, emoji, add: true, cancellationToken);

    public Task<MessageRecord?> RemoveReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken) =>
        ChangeReactionAsync(conversationId, messageId, userId, emoji, add: false, cancellationToken);

    private Task<MessageRecord?> ChangeReactionAsync(
        string conversationId, string messageId, string userId, string emoji, bool add, CancellationToken cancellationToken) =>
        ChangeMessageAsync(conversationId, messageId, async (connection, transaction, current, version) =>
        {
            // The limit is read and applied under the write lock, so two adds of new emoji cannot both pass it.
            if (ReactionLimits.Has(current, userId, emoji) == add || (add && ReactionLimits.WouldExceed(current, emoji)))
            {
                return null;
            }

            await using var command = Command(connection, transaction,
                (add
                    ? "INSERT INTO reactions (message_pk, emoji, user_id) SELECT pk, $emoji, $userId FROM messages WHERE id = $id;"
                    : "DELETE FROM reactions WHERE message_pk = (SELECT pk FROM messages WHERE id = $id) AND emoji = $emoji AND user_id = $userId;")
                + "UPDATE messages SET version = $version WHERE id = $id;");
            Bind(command, "$id", messageId);
            Bind(command, "$emoji", emoji);
            Bind(command, "$userId", userId);
            Bind(command, "$version", version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            var changed = (await FindMessageAsync(connection, transaction, conversationId, messageId, cancellationToken))!;
            return (changed, new ReactionChanged(changed, userId, emoji, add));
        }, cancellationToken);

    /// <summary>
    /// The shared shape of every message change: read the message under the write lock, leave a missing or deleted
    /// one alone, otherwise take the conversation's next version and let <paramref name="change"/> write; a change
    /// that returns null found nothing to do, and its write is discarded so the version is not spent.
    /// </summary>
    private async Task<MessageRecord?> ChangeMessageAsync(
        string conversationId,
        string messageId,
        Func<SqliteConnection, SqliteTransaction, MessageRecord, long, Task<(MessageRecord Changed, IntegrationEvent Event)?>> change,
        CancellationToken cancellationToken)
    {
        var changed = await connections.WriteAsync(async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            var current = await FindMessageAsync(connection, transaction, conversationId, messageId, cancellationToken);
            if (current is null || current.Deleted)
            {
                return current;
            }

            await using var bump = Command(connection, transaction,
                "UPDATE conversations SET version = version + 1 WHERE id = $conversationId RETURNING version;");
            Bind(bump, "$conversationId", conversationId);
            var version = (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
            var result = await change(connection, transaction, current, version);
            if (result is null)
            {
                write.Discard();
                return current;
            }

            await SqliteOutbox.AppendAsync(connection, transaction, result.Value.Event, cancellationToken);
            return result.Value.Changed;
        }, cancellationToken);
        outboxSignal?.Written();
        return changed;
    }

    private static async Task<MessageRecord?> FindMessageAsync(
        SqliteConnection connection, SqliteTransaction transaction, string conversationId, string messageId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {MessageColumns} FROM messages m WHERE m.id = $id AND m.conversation_id = $conversationId;");
        Bind(command, "$id", messageId);
        Bind(command, "$conversationId", conversationId);
        return (await ReadMessagesAsync(command, cancellationToken)).FirstOrDefault();
    }
}
