using Microsoft.Data.Sqlite;
using NexusChat.EventBus.Abstractions;
using NexusChat.Storage.Conversations.Events;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<MemberRecord?> GetMemberAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction) => FindMemberAsync(connection, transaction, conversationId, userId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<MemberRecord>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"SELECT {MemberColumns} FROM members mb WHERE mb.conversation_id = $conversationId ORDER BY mb.joined_at, mb.rowid;");
            Bind(command, "$conversationId", conversationId);
            return await ReadMembersAsync(command, cancellationToken);
        }, cancellationToken);

    private static async Task<IReadOnlyList<MemberRecord>> ReadMembersAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var members = new List<MemberRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(ReadMember(reader));
        }

        return members;
    }

    public Task<bool> AddMemberAsync(string conversationId, string userId, string role, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            // A member who joins later starts with the existing history read, so joining does not mean a backlog of
            // unread messages.
            await using var lastSeq = Command(connection, transaction, "SELECT last_seq FROM conversations WHERE id = $id;");
            Bind(lastSeq, "$id", conversationId);
            if (await lastSeq.ExecuteScalarAsync(cancellationToken) is not long seq
                || await FindMemberAsync(connection, transaction, conversationId, userId, cancellationToken) is not null)
            {
                return false;
            }

            var member = new MemberRecord(conversationId, userId, role, seq, DateTimeOffset.UtcNow);
            await InsertMemberAsync(connection, transaction, member, cancellationToken);
            await SqliteOutbox.AppendAsync(connection, transaction, new MemberAdded(member), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> RemoveMemberAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                "DELETE FROM members WHERE conversation_id = $conversationId AND user_id = $userId;");
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$userId", userId);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            await SqliteOutbox.AppendAsync(connection, transaction, new MemberRemoved(conversationId, userId), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<MemberRecord?> SetRoleAsync(string conversationId, string userId, string role, CancellationToken cancellationToken) =>
        ChangeMemberAsync(conversationId, userId, "role", role, m => m.Role == role, m => m with { Role = role },
            changed => new MemberRoleChanged(changed), cancellationToken);

    public Task<MemberRecord?> SetMutedAsync(string conversationId, string userId, bool muted, CancellationToken cancellationToken) =>
        ChangeMemberAsync(conversationId, userId, "muted", muted, m => m.Muted == muted, m => m with { Muted = muted },
            changed => new MemberMuteChanged(changed), cancellationToken);

    // One member setting: unchanged (or no such member) writes nothing and records no event; a change writes the column
    // and its event in one transaction. The column is one of ours, never input.
    private Task<MemberRecord?> ChangeMemberAsync(
        string conversationId, string userId, string column, object value, Func<MemberRecord, bool> isSet,
        Func<MemberRecord, MemberRecord> apply, Func<MemberRecord, IntegrationEvent> changedEvent, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var member = await FindMemberAsync(connection, transaction, conversationId, userId, cancellationToken);
            if (member is null || isSet(member))
            {
                return member;
            }

            await using var command = Command(connection, transaction,
                $"UPDATE members SET {column} = $value WHERE conversation_id = $conversationId AND user_id = $userId;");
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$userId", userId);
            Bind(command, "$value", value);
            await command.ExecuteNonQueryAsync(cancellationToken);
            var changed = apply(member);
            await SqliteOutbox.AppendAsync(connection, transaction, changedEvent(changed), cancellationToken);
            return changed;
        }, cancellationToken);

    public Task<long?> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var member = await FindMemberAsync(connection, transaction, conversationId, userId, cancellationToken);
            if (member is null)
            {
                return null;
            }

            // Capped at the last seq so a client cannot mark messages read before they exist.
            await using var command = Command(connection, transaction,
                """
                UPDATE members SET last_read_seq = min($seq, (SELECT last_seq FROM conversations WHERE id = $conversationId))
                WHERE conversation_id = $conversationId AND user_id = $userId
                  AND last_read_seq < min($seq, (SELECT last_seq FROM conversations WHERE id = $conversationId))
                RETURNING last_read_seq;
                """);
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$userId", userId);
            Bind(command, "$seq", seq);
            if (await command.ExecuteScalarAsync(cancellationToken) is not long moved)
            {
                return member.LastReadSeq;
            }

            await SqliteOutbox.AppendAsync(connection, transaction, new ReadStateChanged(conversationId, userId, moved), cancellationToken);
            return (long?)moved;
        }, cancellationToken);

    private static async Task<MemberRecord?> FindMemberAsync(
        SqliteConnection connection, SqliteTransaction transaction, string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {MemberColumns} FROM members mb WHERE mb.conversation_id = $conversationId AND mb.user_id = $userId;");
        Bind(command, "$conversationId", conversationId);
        Bind(command, "$userId", userId);
        return await ReadMemberAsync(command, cancellationToken);
    }

    private static async Task InsertMemberAsync(
        SqliteConnection connection, SqliteTransaction transaction, MemberRecord member, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            """
            INSERT INTO members (conversation_id, user_id, role, last_read_seq, joined_at)
            VALUES ($conversationId, $userId, $role, $lastReadSeq, $joinedAt);
            """);
        Bind(command, "$conversationId", member.ConversationId);
        Bind(command, "$userId", member.UserId);
        Bind(command, "$role", member.Role);
        Bind(command, "$lastReadSeq", member.LastReadSeq);
        Bind(command, "$joinedAt", Time(member.JoinedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
