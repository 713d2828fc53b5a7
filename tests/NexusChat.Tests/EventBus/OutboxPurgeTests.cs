using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NexusChat.EventBus.Outbox;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// The worker's outbox purge over the embedded store, with a one-hour retention and a clock the test moves: published
/// events older than the window go (with the text of a deleted message they carried), pending and young ones stay.
/// </summary>
public sealed class OutboxPurgeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly OutboxRelayOptions Settings = new()
    {
        Retention = TimeSpan.FromHours(1), PurgeInterval = TimeSpan.FromMinutes(10), PurgeBatchSize = 2,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-purge-").FullName;
    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromSeconds(60));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private CancellationToken Token => _testTimeout.Token;

    [Fact]
    public async Task PublishedEventsOlderThanTheRetentionGoWithTheDeletedTextTheyCarriedWhilePendingAndYoungOnesStay()
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "store.db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(Token);
        var store = new SqliteConversationStore(connections);
        var outbox = new SqliteOutbox(connections, _time);
        var channel = await store.CreateChannelAsync(new NewChannel("ana", "general", null, ChannelVisibility.Private, []), Token);
        var secret = (await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "the secret plan", null, [], "c1"), Token))!.Value;
        await store.DeleteMessageAsync(channel.Id, secret.Id, Token);
        await PublishAllAsync(outbox);
        _time.Advance(TimeSpan.FromHours(2));
        await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "young", null, [], "c2"), Token);
        await PublishAllAsync(outbox);
        await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "not yet published", null, [], "c3"), Token);
        Assert.Equal(1, await CountAsync(connections, "SELECT count(*) FROM outbox WHERE payload LIKE '%secret plan%'"));

        using var services = new ServiceCollection().AddSingleton<TimeProvider>(_time).BuildServiceProvider();
        using var purge = new OutboxPurge(outbox, Options.Create(Settings), services, NullLogger<OutboxPurge>.Instance);
        await purge.StartAsync(Token);

        // The first round runs at start: the channel's, the secret's and its deletion's events, in two batches.
        await Eventually.TrueAsync(async () => await CountAsync(connections, "SELECT count(*) FROM outbox") == 2, Timeout,
            "the three events published two hours ago were purged");
        Assert.Equal(0, await CountAsync(connections, "SELECT count(*) FROM outbox WHERE payload LIKE '%secret plan%'"));
        Assert.Equal(1, await CountAsync(connections, "SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        Assert.Equal(1, await CountAsync(connections, "SELECT count(*) FROM outbox WHERE payload LIKE '%young%'"));
        // The tombstone keeps no text either, nor does the search index.
        Assert.Equal(1, await CountAsync(connections, $"SELECT count(*) FROM messages WHERE id = '{secret.Id}' AND text IS NULL"));
        Assert.Equal(0, await CountAsync(connections, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'secret'"));

        // Later rounds, as the clock moves: the young event ages out, the pending one never does.
        await Eventually.TrueAsync(async () =>
        {
            _time.Advance(Settings.PurgeInterval);
            return await CountAsync(connections, "SELECT count(*) FROM outbox") == 1;
        }, Timeout, "the young event was purged once older than the retention");
        Assert.Equal(1, await CountAsync(connections, "SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        await purge.StopAsync(Token);
    }

    private async Task PublishAllAsync(SqliteOutbox outbox)
    {
        var pending = await outbox.GetPendingAsync(100, Token);
        await outbox.MarkPublishedAsync([.. pending.Select(m => m.EventId)], Token);
    }

    private async Task<long> CountAsync(SqliteConnectionFactory connections, string sql)
    {
        await using var connection = await connections.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    public void Dispose()
    {
        _testTimeout.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
