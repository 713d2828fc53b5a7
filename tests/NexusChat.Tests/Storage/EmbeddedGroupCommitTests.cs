using System.Text.Json;
using Microsoft.Data.Sqlite;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Conversations.Events;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage;

/// <summary>
/// Group commit in the embedded store (<see cref="SqliteGroupCommit"/>): the concurrent writes of a process share one
/// transaction, each in its own savepoint, and writers in different processes meet at SQLite's lock. Whatever shares
/// a transaction, the rules stay those of one transaction per write.
/// </summary>
public sealed class EmbeddedGroupCommitTests : IDisposable
{
    private const int Processes = 8;
    private const int SendsPerProcess = 200;

    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-groupcommit-").FullName;

    private static CancellationToken TestTimeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task EightProcessesSendingAtOnceGetSeqsOneToSixteenHundredEachTheirOwnAnswerAndRetriesReturnTheStoredMessage()
    {
        var (connections, store) = await OpenAsync("processes");
        var members = Enumerable.Range(0, Processes).Select(i => $"member-{i}").ToList();
        var channel = await store.CreateChannelAsync(
            new NewChannel(members[0], "group-commit", null, ChannelVisibility.Public, members), TestTimeout());

        var writers = members.Select(member =>
            StoreWriterProcess.Start(connections.Path, channel.Id, member, SendsPerProcess, $"{member}-client")).ToList();
        try
        {
            // All open the store first, then all send at once: their batches contend for the lock.
            await Task.WhenAll(writers.Select(w => w.WaitUntilReadyAsync(TestTimeout())));
            await Task.WhenAll(writers.Select(w => w.StartSendingAsync()));
            var answers = await Task.WhenAll(writers.Select(w => w.AnswersAsync(TestTimeout())));

            var firsts = new List<WriterAnswer>();
            foreach (var (member, answered) in members.Zip(answers))
            {
                var sent = answered.Where(a => !a.Retry).ToDictionary(a => a.ClientMessageId);
                var retried = answered.Where(a => a.Retry).ToList();
                var expected = Enumerable.Range(0, SendsPerProcess).Select(i => $"{member}-client-{i}").ToList();
                Assert.Equal(expected.Order(), sent.Keys.Order());
                Assert.Equal(expected.Order(), retried.Select(r => r.ClientMessageId).Order());
                Assert.All(sent.Values, a =>
                {
                    Assert.True(a.Created);
                    Assert.Equal($"{member} says {a.ClientMessageId[(member.Length + "-client-".Length)..]}", a.Text);
                });
                Assert.All(retried, r =>
                {
                    Assert.False(r.Created);
                    Assert.Equal((sent[r.ClientMessageId].MessageId, sent[r.ClientMessageId].Seq), (r.MessageId, r.Seq));
                });
                firsts.AddRange(sent.Values);
            }

            var all = Enumerable.Range(1, Processes * SendsPerProcess).Select(i => (long)i).ToList();
            Assert.Equal(all, firsts.Select(a => a.Seq).Order());

            var stored = await store.GetMessagesAfterAsync(channel.Id, 0, 10_000, TestTimeout());
            Assert.Equal(all, stored.Select(m => m.Seq));
            var byId = firsts.ToDictionary(a => a.MessageId);
            Assert.All(stored, m =>
            {
                Assert.Equal((byId[m.Id].ClientMessageId, byId[m.Id].Seq, byId[m.Id].Text), (m.ClientMessageId, m.Seq, m.Text));
                Assert.StartsWith($"{m.SenderId}-client-", m.ClientMessageId, StringComparison.Ordinal);
            });
            Assert.Equal(all.Count, (await store.GetConversationAsync(channel.Id, TestTimeout()))!.LastSeq);
            Assert.Equal(byId.Keys.Order(), (await CreatedEventsAsync(connections, channel.Id)).Order());
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task FiveHundredSendsSharingTransactionsWithAnEditAndARepeatedReactionSpendEveryVersionOnce()
    {
        var (connections, store) = await OpenAsync("versions");
        var channel = await store.CreateChannelAsync(
            new NewChannel("ana", "versions", null, ChannelVisibility.Public, ["bob"]), TestTimeout());
        var seed = (await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "seed", null, [], "seed"), TestTimeout()))!.Value;

        var sends = new List<Task<Stored<MessageRecord>?>>();
        var repeatedReactions = new List<Task<MessageRecord?>>();
        Task<MessageRecord?> reaction = null!, edit = null!;
        await WhileTheWriterIsHeldAsync(connections, () =>
        {
            for (var i = 0; i < 500; i++)
            {
                sends.Add(store.SendMessageAsync(
                    new NewMessage(channel.Id, i % 2 == 0 ? "ana" : "bob", $"message {i}", null, [], $"client-{i}"), TestTimeout()));
                // The reaction is repeated at 150, in the first one's transaction, and at 300, in the next one (past MaxBatch).
                if (i == 100)
                {
                    reaction = store.AddReactionAsync(channel.Id, seed.Id, "bob", "👍", TestTimeout());
                }
                else if (i == 200)
                {
                    edit = store.EditMessageAsync(channel.Id, seed.Id, "seed, edited", [], TestTimeout());
                }
                else if (i is 150 or 300)
                {
                    repeatedReactions.Add(store.AddReactionAsync(channel.Id, seed.Id, "bob", "👍", TestTimeout()));
                }
            }
        });
        var sent = await Task.WhenAll(sends);
        var (reacted, edited, repeated) = ((await reaction)!, (await edit)!, await Task.WhenAll(repeatedReactions));

        Assert.All(sent, s => Assert.True(s!.Created));
        Assert.Equal(Enumerable.Range(2, 500).Select(i => (long)i), sent.Select(s => s!.Value.Seq).Order());
        // Seed, 500 sends, one edit, one reaction: the repeated reactions changed nothing and spent no version.
        var versions = sent.Select(s => s!.Value.Version).Append(seed.Version).Append(reacted.Version).Append(edited.Version);
        Assert.Equal(Enumerable.Range(1, 503).Select(i => (long)i), versions.Order());
        Assert.Equal(503, (await store.GetConversationAsync(channel.Id, TestTimeout()))!.Version);
        Assert.Equal([reacted.Version, edited.Version], repeated.Select(r => r!.Version));
        var final = (await store.GetMessageAsync(channel.Id, seed.Id, TestTimeout()))!;
        Assert.Equal(("seed, edited", edited.Version), (final.Text, final.Version));
        Assert.Equal(["bob"], final.Reactions["👍"]);
        Assert.Equal(501, (await CreatedEventsAsync(connections, channel.Id)).Count);
    }

    [Fact]
    public async Task AWriteThatFailsInASharedTransactionLeavesNoTraceAndTheOthersAreStoredWithGaplessSeqs()
    {
        var (connections, store) = await OpenAsync("failures");
        var channel = await store.CreateChannelAsync(
            new NewChannel("ana", "failures", null, ChannelVisibility.Public, ["bob"]), TestTimeout());
        using var cancelled = new CancellationTokenSource();

        var sends = new List<Task<Stored<MessageRecord>?>>();
        Task<Stored<MessageRecord>?> missingConversation = null!, cancelledSend = null!;
        Task<long> throwsAfterWriting = null!, breaksAConstraint = null!;
        await WhileTheWriterIsHeldAsync(connections, () =>
        {
            for (var i = 0; i < 100; i++)
            {
                sends.Add(store.SendMessageAsync(new NewMessage(channel.Id, "ana", $"message {i}", null, [], $"client-{i}"), TestTimeout()));
                switch (i)
                {
                    case 10:
                        missingConversation = store.SendMessageAsync(
                            new NewMessage("no-such-conversation", "ana", "lost", null, [], "lost"), TestTimeout());
                        break;
                    case 20:
                        throwsAfterWriting = connections.WriteAsync<long>(async write =>
                        {
                            await TakeNextSeqAsync(write, channel.Id);
                            throw new InvalidOperationException("The write changed its mind.");
                        }, TestTimeout());
                        break;
                    case 30:
                        breaksAConstraint = connections.WriteAsync(async write =>
                        {
                            await TakeNextSeqAsync(write, channel.Id);
                            // Seq 1 is taken: the unique (conversation, seq) refuses the row.
                            await using var insert = Command(write,
                                """
                                INSERT INTO messages (id, conversation_id, seq, sender_id, created_at, deleted, mentions, client_message_id, version)
                                VALUES ('duplicate', $conversationId, 1, 'ana', '2026-01-01T00:00:00.0000000+00:00', 0, '[]', 'duplicate', 1);
                                """);
                            insert.Parameters.AddWithValue("$conversationId", channel.Id);
                            return (long)await insert.ExecuteNonQueryAsync();
                        }, TestTimeout());
                        break;
                    case 40:
                        cancelledSend = store.SendMessageAsync(
                            new NewMessage(channel.Id, "ana", "never mind", null, [], "cancelled"), cancelled.Token);
                        cancelled.Cancel();
                        break;
                }
            }
        });

        var sent = await Task.WhenAll(sends);
        Assert.Null(await missingConversation);
        await Assert.ThrowsAsync<InvalidOperationException>(() => throwsAfterWriting);
        await Assert.ThrowsAsync<SqliteException>(() => breaksAConstraint);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledSend);
        var all = Enumerable.Range(1, 100).Select(i => (long)i).ToList();
        Assert.All(sent, s => Assert.True(s!.Created));
        Assert.Equal(all, sent.Select(s => s!.Value.Seq).Order());
        Assert.Equal(all, sent.Select(s => s!.Value.Version).Order());
        Assert.Equal(all, (await store.GetMessagesAfterAsync(channel.Id, 0, 1000, TestTimeout())).Select(m => m.Seq));
        var conversation = (await store.GetConversationAsync(channel.Id, TestTimeout()))!;
        Assert.Equal((100L, 100L), (conversation.LastSeq, conversation.Version));
        Assert.Equal(100, (await CreatedEventsAsync(connections, channel.Id)).Count);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(SqliteConnectionFactory Connections, SqliteConversationStore Store)> OpenAsync(string database)
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, database + ".db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(TestTimeout());
        return (connections, new SqliteConversationStore(connections));
    }

    /// <summary>
    /// Holds the process's writer in a write of its own while <paramref name="enqueue"/> starts writes, so they all
    /// wait together and run in shared transactions (<see cref="SqliteGroupCommit.MaxBatch"/> at a time), in order.
    /// </summary>
    private static async Task WhileTheWriterIsHeldAsync(SqliteConnectionFactory connections, Action enqueue)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = connections.WriteAsync(async _ =>
        {
            await release.Task;
            return 0;
        }, TestTimeout());
        enqueue();
        release.SetResult();
        await held;
    }

    private static async Task TakeNextSeqAsync(SqliteWrite write, string conversationId)
    {
        await using var take = Command(write, "UPDATE conversations SET last_seq = last_seq + 1, version = version + 1 WHERE id = $id;");
        take.Parameters.AddWithValue("$id", conversationId);
        Assert.Equal(1, await take.ExecuteNonQueryAsync());
    }

    private static SqliteCommand Command(SqliteWrite write, string sql)
    {
        var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The message ids of the conversation's MessageCreated events in the outbox.</summary>
    private static async Task<List<string>> CreatedEventsAsync(SqliteConnectionFactory connections, string conversationId)
    {
        var pending = await new SqliteOutbox(connections).GetPendingAsync(100_000, TestTimeout());
        return pending.Where(p => p.EventType == nameof(MessageCreated))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("message"))
            .Where(m => m.GetProperty("conversationId").GetString() == conversationId)
            .Select(m => m.GetProperty("id").GetString()!)
            .ToList();
    }
}
