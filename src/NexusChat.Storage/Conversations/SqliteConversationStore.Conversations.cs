using Microsoft.Data.Sqlite;
using NexusChat.Storage.Conversations.Events;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<ConversationRecord> CreateChannelAsync(NewChannel channel, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var conversation = new ConversationRecord(
            NewId(), ConversationTypes.Channel, channel.Name, channel.Topic, channel.Visibility, channel.CreatedBy, now, now, 0, 0);
        var members = channel.MemberIds.Where(id => id != channel.CreatedBy).Distinct()
            .Select(id => new MemberRecord(conversation.Id, id, MemberRoles.Member, 0, now))
            .Prepend(new MemberRecord(conversation.Id, channel.CreatedBy, MemberRoles.Owner, 0, now))
            .ToList();
        return WriteAsync(async (connection, transaction) =>
        {
            await InsertConversationAsync(connection, transaction, conversation, directKey: null, members, cancellationToken);
            return conversation;
        }, cancellationToken);
    }

    public Task<Stored<ConversationRecord>> GetOrCreateDirectAsync(
        string userId, string otherUserId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            // Under the write lock nobody can insert the pair between this read and the insert below; the unique
            // direct_key stays as the backstop.
            var key = DirectKey.For(userId, otherUserId);
            await using var find = Command(connection, transaction, $"SELECT {ConversationColumns} FROM conversations c WHERE c.direct_key = $key;");
            Bind(find, "$key", key);
            if (await ReadConversationAsync(find, cancellationToken) is { } existing)
            {
                return new Stored<ConversationRecord>(existing, Created: false);
            }

            var now = DateTimeOffset.UtcNow;
            var conversation = new ConversationRecord(NewId(), ConversationTypes.Direct, null, null, null, userId, now, now, 0, 0);
            var members = new[] { userId, otherUserId }.Distinct()
                .Select(id => new MemberRecord(conversation.Id, id, MemberRoles.Member, 0, now))
                .ToList();
            await InsertConversationAsync(connection, transaction, conversation, key, members, cancellationToken);
            return new Stored<ConversationRecord>(conversation, Created: true);
        }, cancellationToken);

    public Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction) => FindConversationAsync(connection, transaction, conversationId, cancellationToken), cancellationToken);

    public Task<ConversationRecord?> UpdateConversationAsync(
        string conversationId, string? name, string? topic, CancellationToken cancellationToken)
    {
        if (name is null && topic is null)
        {
            return GetConversationAsync(conversationId, cancellationToken);
        }

        return WriteAsync(async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction,
                """
                UPDATE conversations
                SET name = coalesce($name, name), normalized_name = coalesce($normalizedName, normalized_name),
                    topic = coalesce($topic, topic)
                WHERE id = $id;
                """);
            Bind(update, "$id", conversationId);
            Bind(update, "$name", name);
            Bind(update, "$normalizedName", ChannelNames.Normalize(name));
            Bind(update, "$topic", topic);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }

            var updated = (await FindConversationAsync(connection, transaction, conversationId, cancellationToken))!;
            await SqliteOutbox.AppendAsync(connection, transaction, new ConversationUpdated(updated), cancellationToken);
            return updated;
        }, cancellationToken);
    }

    private static async Task<ConversationRecord?> FindConversationAsync(
        SqliteConnection connection, SqliteTransaction transaction, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {ConversationColumns} FROM conversations c WHERE c.id = $id;");
        Bind(command, "$id", conversationId);
        return await ReadConversationAsync(command, cancellationToken);
    }

    private static async Task InsertConversationAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        ConversationRecord conversation,
        string? directKey,
        IReadOnlyList<MemberRecord> members,
        CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction,
            """
            INSERT INTO conversations (id, type, name, normalized_name, topic, visibility, direct_key, created_by, created_at,
                                       last_activity_at, last_seq, version)
            VALUES ($id, $type, $name, $normalizedName, $topic, $visibility, $directKey, $createdBy, $createdAt, $createdAt, 0, 0);
            """);
        Bind(insert, "$id", conversation.Id);
        Bind(insert, "$type", conversation.Type);
        Bind(insert, "$name", conversation.Name);
        Bind(insert, "$normalizedName", ChannelNames.Normalize(conversation.Name));
        Bind(insert, "$topic", conversation.Topic);
        Bind(insert, "$visibility", conversation.Visibility);
        Bind(insert, "$directKey", directKey);
        Bind(insert, "$createdBy", conversation.CreatedBy);
        Bind(insert, "$createdAt", Time(conversation.CreatedAt));
        await insert.ExecuteNonQueryAsync(cancellationToken);

        foreach (var member in members)
        {
            await InsertMemberAsync(connection, transaction, member, cancellationToken);
        }

        await SqliteOutbox.AppendAsync(connection, transaction, new ConversationCreated(conversation, members), cancellationToken);
    }
}
