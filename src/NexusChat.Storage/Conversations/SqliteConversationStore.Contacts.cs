namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    public Task<IReadOnlyList<MemberRecord>> ListMembersPageAsync(
        string conversationId, string? afterUserId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<MemberRecord>>(async (connection, transaction) =>
        {
            // Keyset paging on the primary key (conversation_id, user_id): each page is one index range.
            await using var command = Command(connection, transaction, $"""
                SELECT {MemberColumns} FROM members mb
                WHERE mb.conversation_id = $conversationId AND mb.user_id > $after
                ORDER BY mb.user_id LIMIT $limit;
                """);
            Bind(command, "$conversationId", conversationId);
            Bind(command, "$after", afterUserId ?? string.Empty);
            Bind(command, "$limit", limit);
            return await ReadMembersAsync(command, cancellationToken);
        }, cancellationToken);

    public Task<int> CountMembersAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "SELECT COUNT(*) FROM members WHERE conversation_id = $conversationId;");
            Bind(command, "$conversationId", conversationId);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListContactsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(async (connection, transaction) =>
        {
            // members_user finds the user's conversations, the primary key their members.
            await using var command = Command(connection, transaction, """
                SELECT DISTINCT other.user_id FROM members mine
                JOIN members other ON other.conversation_id = mine.conversation_id
                WHERE mine.user_id = $userId AND other.user_id <> $userId
                LIMIT $limit;
                """);
            Bind(command, "$userId", userId);
            Bind(command, "$limit", limit);
            var contacts = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                contacts.Add(reader.GetString(0));
            }

            return contacts;
        }, cancellationToken);
}
