using NexusChat.Storage.Embedded;

namespace NexusChat.Storage.Conversations;

public sealed partial class SqliteConversationStore
{
    // Literal type and visibility (not parameters): SQLite uses a partial index only when the query's WHERE visibly
    // implies the index's, and conversations_public_by_name is declared with these literals.
    private const string IsPublicChannel = "c.type = 'channel' AND c.visibility = 'public'";

    public Task<IReadOnlyList<ConversationRecord>> ListPublicChannelsAsync(
        string? namePrefix, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var prefix = ChannelNames.Normalize(namePrefix) ?? string.Empty;
        var upperBound = SqlitePrefix.UpperBound(prefix);
        return ReadAsync<IReadOnlyList<ConversationRecord>>(async (connection, transaction) =>
        {
            // The cursor is resolved to the channel's (name, id) position in the same snapshot; only a public channel
            // can be one, so a private channel's id cannot be used to learn where its name sorts.
            (string Name, string Id)? position = null;
            if (after is not null)
            {
                await using var find = Command(connection, transaction,
                    $"SELECT c.normalized_name, c.id FROM conversations c WHERE c.id = $after AND {IsPublicChannel};");
                Bind(find, "$after", after);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return [];
                }

                position = (reader.GetString(0), reader.GetString(1));
            }

            // Bounds are left out rather than disabled with "$x IS NULL OR …", which would keep the planner from
            // using them as the ends of the index range. Each piece is a constant here; values are parameters.
            var conditions = new List<string> { IsPublicChannel, "c.normalized_name >= $prefix" };
            if (upperBound is not null)
            {
                conditions.Add("c.normalized_name < $upperBound");
            }

            if (position is not null)
            {
                conditions.Add("(c.normalized_name, c.id) > ($afterName, $afterId)");
            }

            await using var command = Command(connection, transaction,
                $"""
                SELECT {ConversationColumns} FROM conversations c
                WHERE {string.Join(" AND ", conditions)}
                ORDER BY c.normalized_name, c.id
                LIMIT $limit;
                """);
            Bind(command, "$prefix", prefix);
            Bind(command, "$limit", limit);
            if (upperBound is not null)
            {
                Bind(command, "$upperBound", upperBound);
            }

            if (position is { } from)
            {
                Bind(command, "$afterName", from.Name);
                Bind(command, "$afterId", from.Id);
            }
            var channels = new List<ConversationRecord>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    channels.Add(ReadConversation(reader));
                }
            }

            return channels;
        }, cancellationToken);
    }
}
