using Microsoft.Data.Sqlite;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;

namespace NexusChat.Tests.Storage;

/// <summary>Channels stored before the public directory existed (schema version 3) are listed after the upgrade.</summary>
public sealed class EmbeddedPublicChannelsUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-upgrade-").FullName;

    [Fact]
    public async Task ChannelsFromSchemaVersionThreeAreListedAfterTheUpgrade()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "old.db"));
        await using (var connection = await connections.OpenAsync(timeout.Token))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(Environment.NewLine, SqliteSchema.Migrations.Take(3)) +
                """
                INSERT INTO conversations (id, type, name, topic, visibility, direct_key, created_by, created_at, last_activity_at, last_seq, version)
                VALUES ('c1', 'channel', 'Old Times', NULL, 'public', NULL, 'ana', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:00.0000000+00:00', 0, 0),
                       ('c2', 'channel', 'Old Secrets', NULL, 'private', NULL, 'ana', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:00.0000000+00:00', 0, 0);
                PRAGMA user_version = 3;
                """;
            await command.ExecuteNonQueryAsync(timeout.Token);
        }

        await new SqliteStoreLifecycle(connections).InitializeAsync(timeout.Token);
        var store = new SqliteConversationStore(connections);

        var found = await store.ListPublicChannelsAsync("old t", null, 10, timeout.Token);

        Assert.Equal(["c1"], found.Select(c => c.Id));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
