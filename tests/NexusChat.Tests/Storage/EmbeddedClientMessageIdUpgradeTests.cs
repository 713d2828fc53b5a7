using Microsoft.Data.Sqlite;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;

namespace NexusChat.Tests.Storage;

/// <summary>
/// A database of schema version 4, whose client message ids were unique per conversation, takes per-sender ids after
/// the upgrade and keeps its messages, reactions and search index.
/// </summary>
public sealed class EmbeddedClientMessageIdUpgradeTests : IDisposable
{
    private const string Then = "2024-01-01T00:00:00.0000000+00:00";
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-upgrade-").FullName;

    [Fact]
    public async Task AnotherSendersEqualClientMessageIdStoresANewMessageAfterTheUpgrade()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "old.db"));
        await using (var connection = await connections.OpenAsync(timeout.Token))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(Environment.NewLine, SqliteSchema.Migrations.Take(4)) +
                $"""
                INSERT INTO conversations (id, type, name, topic, visibility, direct_key, created_by, created_at, last_activity_at, last_seq, version, normalized_name)
                VALUES ('c1', 'channel', 'Old', NULL, 'private', NULL, 'ana', '{Then}', '{Then}', 1, 2, 'OLD');
                INSERT INTO members (conversation_id, user_id, role, last_read_seq, joined_at)
                VALUES ('c1', 'ana', 'owner', 0, '{Then}'), ('c1', 'bob', 'member', 0, '{Then}');
                INSERT INTO messages (id, conversation_id, seq, sender_id, text, created_at, edited_at, deleted, reply_to_id, mentions, client_message_id, version)
                VALUES ('m1', 'c1', 1, 'ana', 'ancient wisdom', '{Then}', NULL, 0, NULL, '[]', 'same', 1);
                INSERT INTO reactions (message_pk, emoji, user_id) SELECT pk, '👍', 'bob' FROM messages WHERE id = 'm1';
                PRAGMA user_version = 4;
                """;
            await command.ExecuteNonQueryAsync(timeout.Token);
        }

        var lifecycle = new SqliteStoreLifecycle(connections);
        await lifecycle.InitializeAsync(timeout.Token);
        var store = new SqliteConversationStore(connections);

        var fromBob = await store.SendMessageAsync(new NewMessage("c1", "bob", "bob's own", null, [], "same"), timeout.Token);
        var anaAgain = await store.SendMessageAsync(new NewMessage("c1", "ana", "ana retried", null, [], "same"), timeout.Token);

        Assert.Equal(SqliteSchema.CurrentVersion, await lifecycle.GetSchemaVersionAsync(timeout.Token));
        Assert.True(fromBob!.Created);
        Assert.Equal(("bob's own", 2L), (fromBob.Value.Text, fromBob.Value.Seq));
        Assert.False(anaAgain!.Created);
        Assert.Equal("m1", anaAgain.Value.Id);
        Assert.Equal(["bob"], anaAgain.Value.Reactions["👍"]);
        // The search index still finds the old row, and the triggers index the new one.
        Assert.Equal(["m1"], (await store.SearchAsync("ana", "ancient", 10, timeout.Token)).Select(m => m.Id));
        Assert.Equal([fromBob.Value.Id], (await store.SearchAsync("ana", "own", 10, timeout.Token)).Select(m => m.Id));
        // Foreign keys are on again for the store's connections: a reaction to no message is refused.
        await using var orphan = await connections.OpenAsync(timeout.Token);
        await using var insert = orphan.CreateCommand();
        insert.CommandText = "INSERT INTO reactions (message_pk, emoji, user_id) VALUES (999, '👍', 'bob');";
        await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync(timeout.Token));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
