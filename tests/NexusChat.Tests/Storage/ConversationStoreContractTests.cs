using NexusChat.Storage.Conversations;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IConversationStore"/> provider promises, with the outbox it writes. Each provider's
/// test class derives from this and supplies initialized stores over fresh databases; a provider whose server is not
/// available skips every test with the reason.
/// </summary>
public abstract partial class ConversationStoreContractTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An initialized store and its outbox over <paramref name="database"/>, empty on first use. Each call is a
    /// separate store (as each replica has its own) reaching the same database for the same key. The outbox marks
    /// messages published at <paramref name="time"/>'s now (the system clock when null).
    /// </summary>
    protected abstract Task<(IConversationStore Store, IOutboxStore Outbox)> CreateStoreAsync(string database, TimeProvider? time = null);

    protected static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    [SkippableFact]
    public async Task SendsGetGaplessIncreasingSeqsAndARepeatedClientMessageIdReturnsTheStoredMessage()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");

        var first = await SendAsync(store, channel.Id, "ana", "one", "c1");
        var second = await SendAsync(store, channel.Id, "bob", "two", "c2");
        var repeat = await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "one again", null, [], "c1"), TestTimeout());

        Assert.Equal([1L, 2L], [first.Seq, second.Seq]);
        Assert.NotNull(repeat);
        Assert.False(repeat.Created);
        Assert.Equal(first.Id, repeat.Value.Id);
        Assert.Equal("one", repeat.Value.Text);
        var conversation = await store.GetConversationAsync(channel.Id, TestTimeout());
        Assert.Equal(2, conversation!.LastSeq);
        Assert.Equal(2, (await store.GetMessagesAfterAsync(channel.Id, 0, 100, TestTimeout())).Count);
    }

    [SkippableFact]
    public async Task ConcurrentSendersOnSeveralReplicasGetEverySeqExactlyOnceAndRetriesStoreNoCopies()
    {
        var database = NewDatabase();
        var (first, _) = await CreateStoreAsync(database);
        var channel = await NewChannelAsync(first, "ana");
        var replicas = new List<IConversationStore>();
        for (var i = 0; i < 8; i++)
        {
            replicas.Add((await CreateStoreAsync(database)).Store);
        }

        async Task<List<Stored<MessageRecord>>> SendAllAsync(IConversationStore replica, int sender) =>
        [
            .. await Task.WhenAll(Enumerable.Range(0, 25).Select(i => Task.Run(async () =>
                (await replica.SendMessageAsync(
                    new NewMessage(channel.Id, "ana", $"message {sender}.{i}", null, [], $"client-{sender}-{i}"), TestTimeout()))!))),
        ];

        var sent = (await Task.WhenAll(replicas.Select((replica, sender) => SendAllAsync(replica, sender)))).SelectMany(s => s).ToList();
        var retried = (await Task.WhenAll(replicas.Select((replica, sender) => SendAllAsync(replica, sender)))).SelectMany(s => s).ToList();

        Assert.All(sent, s => Assert.True(s.Created));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sent.Select(s => s.Value.Seq).Order());
        Assert.All(retried, s => Assert.False(s.Created));
        Assert.Equal(sent.Select(s => s.Value.Id).Order(), retried.Select(s => s.Value.Id).Order());
        var stored = await first.GetMessagesAfterAsync(channel.Id, 0, 1000, TestTimeout());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(200, (await first.GetConversationAsync(channel.Id, TestTimeout()))!.LastSeq);
    }

    [SkippableFact]
    public async Task ADirectConversationExistsOncePerPairWhicheverUserCreatesIt()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());

        var created = await store.GetOrCreateDirectAsync("ana", "bob", TestTimeout());
        var again = await store.GetOrCreateDirectAsync("bob", "ana", TestTimeout());
        var other = await store.GetOrCreateDirectAsync("ana", "cat", TestTimeout());

        Assert.True(created.Created);
        Assert.False(again.Created);
        Assert.Equal(created.Value.Id, again.Value.Id);
        Assert.NotEqual(created.Value.Id, other.Value.Id);
        Assert.Equal(ConversationTypes.Direct, created.Value.Type);
        Assert.Null(created.Value.Visibility);
        Assert.Equal(["ana", "bob"], (await store.ListMembersAsync(created.Value.Id, TestTimeout())).Select(m => m.UserId).Order());
    }

    [SkippableFact]
    public async Task OfReplicasCreatingTheSameDirectConversationAtOnceExactlyOneCreatesIt()
    {
        var database = NewDatabase();
        var replicas = new List<IConversationStore>();
        for (var i = 0; i < 8; i++)
        {
            replicas.Add((await CreateStoreAsync(database)).Store);
        }

        var results = await Task.WhenAll(replicas.Select((replica, i) => Task.Run(() =>
            i % 2 == 0
                ? replica.GetOrCreateDirectAsync("ana", "bob", TestTimeout())
                : replica.GetOrCreateDirectAsync("bob", "ana", TestTimeout()))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Value.Id).Distinct());
    }

    [SkippableFact]
    public async Task AChannelHasItsCreatorAsOwnerAndMembersAreAddedOnceRemovedAndGivenRoles()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob", "ana");
        await SendAsync(store, channel.Id, "ana", "before cat joined", "c1");

        Assert.True(await store.AddMemberAsync(channel.Id, "cat", MemberRoles.Member, TestTimeout()));
        Assert.False(await store.AddMemberAsync(channel.Id, "cat", MemberRoles.Admin, TestTimeout()));
        Assert.False(await store.AddMemberAsync("no-such-conversation", "cat", MemberRoles.Member, TestTimeout()));
        var promoted = await store.SetRoleAsync(channel.Id, "bob", MemberRoles.Admin, TestTimeout());
        Assert.True(await store.RemoveMemberAsync(channel.Id, "ana", TestTimeout()));
        Assert.False(await store.RemoveMemberAsync(channel.Id, "ana", TestTimeout()));

        Assert.Equal(MemberRoles.Admin, promoted!.Role);
        Assert.Null(await store.SetRoleAsync(channel.Id, "ana", MemberRoles.Admin, TestTimeout()));
        var members = await store.ListMembersAsync(channel.Id, TestTimeout());
        Assert.Equal([("bob", MemberRoles.Admin), ("cat", MemberRoles.Member)], members.Select(m => (m.UserId, m.Role)));
        Assert.Equal(1, members.Single(m => m.UserId == "cat").LastReadSeq);
        Assert.Null(await store.GetMemberAsync(channel.Id, "ana", TestTimeout()));
    }

    [SkippableFact]
    public async Task CreatingAChannelStoresItsFieldsAndRenamingChangesOnlyWhatIsGiven()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await store.CreateChannelAsync(
            new NewChannel("ana", "general", "hello", ChannelVisibility.Private, ["bob"]), TestTimeout());

        var renamed = await store.UpdateConversationAsync(channel.Id, "random", null, TestTimeout());
        var retopiced = await store.UpdateConversationAsync(channel.Id, null, "new topic", TestTimeout());

        Assert.Equal((ConversationTypes.Channel, "general", "hello", ChannelVisibility.Private, "ana"),
            (channel.Type, channel.Name, channel.Topic, channel.Visibility, channel.CreatedBy));
        Assert.Equal(("random", "hello"), (renamed!.Name, renamed.Topic));
        Assert.Equal(("random", "new topic"), (retopiced!.Name, retopiced.Topic));
        Assert.Null(await store.UpdateConversationAsync("no-such-conversation", "x", null, TestTimeout()));
        Assert.Equal(MemberRoles.Owner, (await store.GetMemberAsync(channel.Id, "ana", TestTimeout()))!.Role);
    }

    [SkippableFact]
    public async Task ReadStateOnlyMovesForwardAndStopsAtTheLastSeq()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        for (var i = 1; i <= 5; i++)
        {
            await SendAsync(store, channel.Id, "ana", $"m{i}", $"c{i}");
        }

        Assert.Equal(3, await store.MarkReadAsync(channel.Id, "bob", 3, TestTimeout()));
        Assert.Equal(3, await store.MarkReadAsync(channel.Id, "bob", 2, TestTimeout()));
        Assert.Equal(5, await store.MarkReadAsync(channel.Id, "bob", 99, TestTimeout()));
        Assert.Null(await store.MarkReadAsync(channel.Id, "stranger", 1, TestTimeout()));
        Assert.Equal(5, (await store.GetMemberAsync(channel.Id, "bob", TestTimeout()))!.LastReadSeq);
    }

    [SkippableFact]
    public async Task UnreadAndMentionCountsLeaveOutOwnAndDeletedMessages()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        await SendAsync(store, channel.Id, "ana", "read already", "c1");
        await store.MarkReadAsync(channel.Id, "bob", 1, TestTimeout());
        await SendAsync(store, channel.Id, "ana", "hi @bob", "c2", mentions: ["bob"]);
        await SendAsync(store, channel.Id, "bob", "my own", "c3", mentions: ["bob"]);
        var deleted = await SendAsync(store, channel.Id, "ana", "oops @bob", "c4", mentions: ["bob"]);
        await SendAsync(store, channel.Id, "ana", "plain", "c5");
        var last = await SendAsync(store, channel.Id, "ana", "bye", "c6");
        var tail = await SendAsync(store, channel.Id, "ana", "gone", "c7");
        await store.DeleteMessageAsync(channel.Id, deleted.Id, TestTimeout());
        await store.DeleteMessageAsync(channel.Id, tail.Id, TestTimeout());

        var bobs = Assert.Single(await store.ListForUserAsync("bob", 10, TestTimeout()));
        var anas = Assert.Single(await store.ListForUserAsync("ana", 10, TestTimeout()));

        Assert.Equal((3L, 1L), (bobs.UnreadCount, bobs.MentionCount));
        Assert.Equal(last.Id, bobs.LastMessage!.Id);
        Assert.Equal("bob", bobs.Member.UserId);
        Assert.Equal((1L, 0L), (anas.UnreadCount, anas.MentionCount));
    }

    [SkippableFact]
    public async Task AUsersConversationsComeMostRecentlyActiveFirstWithOnlyTheirOwn()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var quiet = await NewChannelAsync(store, "ana", "bob");
        await Task.Delay(5);
        var busy = await NewChannelAsync(store, "ana", "bob");
        await Task.Delay(5);
        var newest = await NewChannelAsync(store, "ana");
        await Task.Delay(5);
        await NewChannelAsync(store, "cat");
        var sent = await SendAsync(store, quiet.Id, "ana", "wake up", "c1");

        var list = await store.ListForUserAsync("ana", 10, TestTimeout());

        Assert.Equal([quiet.Id, newest.Id, busy.Id], list.Select(s => s.Conversation.Id));
        Assert.Equal(sent.Id, list[0].LastMessage!.Id);
        Assert.Null(list[1].LastMessage);
        Assert.Equal([quiet.Id, newest.Id], (await store.ListForUserAsync("ana", 2, TestTimeout())).Select(s => s.Conversation.Id));
    }

    [SkippableFact]
    public async Task HistoryPagesBackwardNewestFirstAndForwardOldestFirst()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        for (var i = 1; i <= 7; i++)
        {
            await SendAsync(store, channel.Id, "ana", $"m{i}", $"c{i}");
        }

        Assert.Equal([7L, 6L, 5L], (await store.GetMessagesBeforeAsync(channel.Id, null, 3, TestTimeout())).Select(m => m.Seq));
        Assert.Equal([4L, 3L, 2L], (await store.GetMessagesBeforeAsync(channel.Id, 5, 3, TestTimeout())).Select(m => m.Seq));
        Assert.Equal([1L], (await store.GetMessagesBeforeAsync(channel.Id, 2, 3, TestTimeout())).Select(m => m.Seq));
        Assert.Equal([1L, 2L, 3L], (await store.GetMessagesAfterAsync(channel.Id, 0, 3, TestTimeout())).Select(m => m.Seq));
        Assert.Equal([6L, 7L], (await store.GetMessagesAfterAsync(channel.Id, 5, 3, TestTimeout())).Select(m => m.Seq));
        Assert.Empty(await store.GetMessagesAfterAsync(channel.Id, 7, 3, TestTimeout()));
    }

    [SkippableFact]
    public async Task ASentMessageKeepsWhatTheSenderGave()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var original = await SendAsync(store, channel.Id, "ana", "first", "c1");

        var reply = await SendAsync(store, channel.Id, "bob", "hi @ana", "c2", mentions: ["ana"], replyToId: original.Id);
        var read = await store.GetMessageAsync(channel.Id, reply.Id, TestTimeout());

        Assert.NotNull(read);
        Assert.Equal((reply.Id, channel.Id, 2L, "bob", "hi @ana", original.Id, "c2", false, (DateTimeOffset?)null),
            (read.Id, read.ConversationId, read.Seq, read.SenderId, read.Text, read.ReplyToId, read.ClientMessageId, read.Deleted, read.EditedAt));
        Assert.Equal(["ana"], read.Mentions);
        Assert.Empty(read.Reactions);
        Assert.Equal(reply.CreatedAt.ToUnixTimeMilliseconds(), read.CreatedAt.ToUnixTimeMilliseconds());
        Assert.Null(await store.GetMessageAsync("other-conversation", reply.Id, TestTimeout()));
    }

    [SkippableFact]
    public async Task EditingReplacesTextAndMentionsAndDeletingLeavesATombstoneInPlace()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var message = await SendAsync(store, channel.Id, "ana", "hello @bob", "c1", mentions: ["bob"]);
        await store.AddReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());

        var edited = await store.EditMessageAsync(channel.Id, message.Id, "hello all", [], TestTimeout());
        var tombstone = await store.DeleteMessageAsync(channel.Id, message.Id, TestTimeout());
        var deletedAgain = await store.DeleteMessageAsync(channel.Id, message.Id, TestTimeout());
        var editedAfter = await store.EditMessageAsync(channel.Id, message.Id, "back", [], TestTimeout());

        Assert.Equal("hello all", edited!.Text);
        Assert.Empty(edited.Mentions);
        Assert.NotNull(edited.EditedAt);
        Assert.True(tombstone!.Deleted);
        Assert.Null(tombstone.Text);
        Assert.Empty(tombstone.Mentions);
        Assert.Empty(tombstone.Reactions);
        Assert.Equal(message.Seq, tombstone.Seq);
        Assert.Equal(tombstone.Version, deletedAgain!.Version);
        Assert.True(editedAfter!.Deleted);
        Assert.Null(editedAfter.Text);
        var stored = Assert.Single(await store.GetMessagesAfterAsync(channel.Id, 0, 10, TestTimeout()));
        Assert.True(stored.Deleted);
        Assert.Null(stored.Text);
        Assert.Null(await store.EditMessageAsync(channel.Id, "no-such-message", "x", [], TestTimeout()));
        Assert.Null(await store.DeleteMessageAsync(channel.Id, "no-such-message", TestTimeout()));
    }

    [SkippableFact]
    public async Task ReactionsAreAddedAndRemovedOncePerUserInArrivalOrder()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob", "cat");
        var message = await SendAsync(store, channel.Id, "ana", "vote", "c1");

        await store.AddReactionAsync(channel.Id, message.Id, "cat", "👍", TestTimeout());
        await store.AddReactionAsync(channel.Id, message.Id, "ana", "👍", TestTimeout());
        var twice = await store.AddReactionAsync(channel.Id, message.Id, "ana", "👍", TestTimeout());
        await store.AddReactionAsync(channel.Id, message.Id, "bob", "🎉", TestTimeout());
        await store.AddReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());
        var afterRemove = await store.RemoveReactionAsync(channel.Id, message.Id, "cat", "👍", TestTimeout());
        var removeAgain = await store.RemoveReactionAsync(channel.Id, message.Id, "cat", "👍", TestTimeout());
        var lastOfEmoji = await store.RemoveReactionAsync(channel.Id, message.Id, "bob", "🎉", TestTimeout());

        Assert.Equal(["cat", "ana"], twice!.Reactions["👍"]);
        Assert.Equal(["ana", "bob"], afterRemove!.Reactions["👍"]);
        Assert.Equal(["bob"], afterRemove.Reactions["🎉"]);
        Assert.Equal(afterRemove.Version, removeAgain!.Version);
        Assert.Equal(["👍"], lastOfEmoji!.Reactions.Keys);
        var stored = await store.GetMessageAsync(channel.Id, message.Id, TestTimeout());
        Assert.Equal(["ana", "bob"], stored!.Reactions["👍"]);
        Assert.Null(await store.AddReactionAsync(channel.Id, "no-such-message", "ana", "👍", TestTimeout()));
    }

    [SkippableFact]
    public async Task ChangesSinceAVersionShowEditsDeletesAndReactionsOnceEachInTheirLatestState()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var edited = await SendAsync(store, channel.Id, "ana", "one", "c1");
        var deleted = await SendAsync(store, channel.Id, "ana", "two", "c2");
        var reacted = await SendAsync(store, channel.Id, "ana", "three", "c3");
        await SendAsync(store, channel.Id, "ana", "four", "c4");
        var cursor = (await store.GetConversationAsync(channel.Id, TestTimeout()))!.Version;

        await store.EditMessageAsync(channel.Id, edited.Id, "one, edited", [], TestTimeout());
        await store.AddReactionAsync(channel.Id, reacted.Id, "bob", "👀", TestTimeout());
        await store.DeleteMessageAsync(channel.Id, deleted.Id, TestTimeout());
        await store.EditMessageAsync(channel.Id, edited.Id, "one, edited twice", [], TestTimeout());
        var added = await SendAsync(store, channel.Id, "bob", "five", "c5");

        var changes = await store.GetChangesSinceAsync(channel.Id, cursor, 100, TestTimeout());

        Assert.Equal([reacted.Id, deleted.Id, edited.Id, added.Id], changes.Select(m => m.Id));
        Assert.Equal(["bob"], changes[0].Reactions["👀"]);
        Assert.True(changes[1].Deleted);
        Assert.Equal("one, edited twice", changes[2].Text);
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Version < pair.Second.Version));
        Assert.Equal(changes[^1].Version, (await store.GetConversationAsync(channel.Id, TestTimeout()))!.Version);
        Assert.Empty(await store.GetChangesSinceAsync(channel.Id, changes[^1].Version, 100, TestTimeout()));
    }

    [SkippableFact]
    public async Task SearchFindsWholeWordsOnlyInTheSearchersConversationsAndNotDeletedMessages()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var mine = await NewChannelAsync(store, "ana", "bob");
        var theirs = await NewChannelAsync(store, "cat");
        var older = await SendAsync(store, mine.Id, "bob", "The deploy is green", "c1");
        await Task.Delay(5);
        var newer = await SendAsync(store, mine.Id, "ana", "deploy again tomorrow", "c2");
        await Task.Delay(5);
        var deleted = await SendAsync(store, mine.Id, "ana", "deploy secrets", "c3");
        await SendAsync(store, theirs.Id, "cat", "deploy elsewhere", "c4");
        await SendAsync(store, mine.Id, "ana", "redeployment", "c5");
        await store.DeleteMessageAsync(mine.Id, deleted.Id, TestTimeout());

        Assert.Equal([newer.Id, older.Id], (await store.SearchAsync("ana", "DEPLOY", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([older.Id], (await store.SearchAsync("ana", "green deploy", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([newer.Id], (await store.SearchAsync("ana", "deploy", 1, TestTimeout())).Select(m => m.Id));
        Assert.Empty(await store.SearchAsync("ana", "secrets", 10, TestTimeout()));
        Assert.Empty(await store.SearchAsync("ana", "elsewhere", 10, TestTimeout()));
        Assert.Empty(await store.SearchAsync("dan", "deploy", 10, TestTimeout()));
    }

    [SkippableFact]
    public async Task SearchTreatsQuerySyntaxAsPlainWords()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        var message = await SendAsync(store, channel.Id, "ana", "ship it OR NOT", "c1");

        Assert.Equal([message.Id], (await store.SearchAsync("ana", "\"ship\" OR", 10, TestTimeout())).Select(m => m.Id));
        Assert.Empty(await store.SearchAsync("ana", "ship -it* NEAR(x)", 10, TestTimeout()));
        Assert.Empty(await store.SearchAsync("ana", "  \" ", 10, TestTimeout()));
        Assert.Empty(await store.SearchAsync("ana", "!!! ???", 10, TestTimeout()));
    }

    [SkippableFact]
    public async Task EveryChangeWritesExactlyOneOutboxEventOfItsTypeAndNoOpsWriteNone()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());

        var channel = await NewChannelAsync(store, "ana", "bob");
        Assert.Equal(["ConversationCreated"], await TakeEventTypesAsync(outbox));
        var direct = await store.GetOrCreateDirectAsync("ana", "bob", TestTimeout());
        await store.GetOrCreateDirectAsync("bob", "ana", TestTimeout());
        Assert.Equal(["ConversationCreated"], await TakeEventTypesAsync(outbox));
        await store.UpdateConversationAsync(channel.Id, "renamed", null, TestTimeout());
        Assert.Equal(["ConversationUpdated"], await TakeEventTypesAsync(outbox));
        await store.AddMemberAsync(channel.Id, "cat", MemberRoles.Member, TestTimeout());
        await store.AddMemberAsync(channel.Id, "cat", MemberRoles.Member, TestTimeout());
        Assert.Equal(["MemberAdded"], await TakeEventTypesAsync(outbox));
        await store.SetRoleAsync(channel.Id, "cat", MemberRoles.Admin, TestTimeout());
        await store.SetRoleAsync(channel.Id, "cat", MemberRoles.Admin, TestTimeout());
        Assert.Equal(["MemberRoleChanged"], await TakeEventTypesAsync(outbox));
        await store.SetMutedAsync(channel.Id, "cat", true, TestTimeout());
        await store.SetMutedAsync(channel.Id, "cat", true, TestTimeout());
        Assert.Equal(["MemberMuteChanged"], await TakeEventTypesAsync(outbox));
        await store.RemoveMemberAsync(channel.Id, "cat", TestTimeout());
        await store.RemoveMemberAsync(channel.Id, "cat", TestTimeout());
        Assert.Equal(["MemberRemoved"], await TakeEventTypesAsync(outbox));

        var message = await SendAsync(store, channel.Id, "ana", "hello", "c1");
        await SendAsync(store, channel.Id, "ana", "hello", "c1");
        Assert.Equal(["MessageCreated"], await TakeEventTypesAsync(outbox));
        await store.EditMessageAsync(channel.Id, message.Id, "hello!", [], TestTimeout());
        Assert.Equal(["MessageEdited"], await TakeEventTypesAsync(outbox));
        await store.AddReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());
        await store.AddReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());
        await store.RemoveReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());
        await store.RemoveReactionAsync(channel.Id, message.Id, "bob", "👍", TestTimeout());
        Assert.Equal(["ReactionChanged", "ReactionChanged"], await TakeEventTypesAsync(outbox));
        await store.MarkReadAsync(channel.Id, "bob", 1, TestTimeout());
        await store.MarkReadAsync(channel.Id, "bob", 1, TestTimeout());
        Assert.Equal(["ReadStateChanged"], await TakeEventTypesAsync(outbox));
        await store.DeleteMessageAsync(channel.Id, message.Id, TestTimeout());
        await store.DeleteMessageAsync(channel.Id, message.Id, TestTimeout());
        Assert.Equal(["MessageDeleted"], await TakeEventTypesAsync(outbox));
        Assert.True(direct.Created);
    }

    [SkippableFact]
    public async Task AnOutboxEventCarriesTheChangeAsCamelCaseJsonWithItsIdAndTime()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        await TakeEventTypesAsync(outbox);

        var message = await SendAsync(store, channel.Id, "ana", "hello", "c1");

        var pending = Assert.Single(await outbox.GetPendingAsync(10, TestTimeout()));
        using var payload = System.Text.Json.JsonDocument.Parse(pending.Payload);
        Assert.Equal(pending.EventId, payload.RootElement.GetProperty("id").GetGuid());
        Assert.True(payload.RootElement.TryGetProperty("creationDate", out _));
        Assert.Equal(message.Id, payload.RootElement.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal(1, payload.RootElement.GetProperty("message").GetProperty("seq").GetInt64());
        // Version 7: ids sort by creation time, whichever provider wrote them.
        Assert.Equal(7, pending.EventId.Version);
    }

    [SkippableFact]
    public async Task PendingEventsComeOldestFirstUntilMarkedPublished()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        for (var i = 1; i <= 4; i++)
        {
            await Task.Delay(2);
            await SendAsync(store, channel.Id, "ana", $"m{i}", $"c{i}");
        }

        var firstTwo = await outbox.GetPendingAsync(2, TestTimeout());
        await outbox.MarkPublishedAsync([.. firstTwo.Select(e => e.EventId)], TestTimeout());
        await outbox.MarkPublishedAsync([Guid.NewGuid()], TestTimeout());
        var rest = await outbox.GetPendingAsync(10, TestTimeout());

        Assert.Equal(["ConversationCreated", "MessageCreated"], firstTwo.Select(e => e.EventType));
        Assert.Equal(3, rest.Count);
        Assert.Empty(rest.Select(e => e.EventId).Intersect(firstTwo.Select(e => e.EventId)));
        Assert.Equal([2L, 3L, 4L], rest.Select(e =>
            System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("message").GetProperty("seq").GetInt64()));
    }

    private static Task<ConversationRecord> NewChannelAsync(IConversationStore store, string creator, params string[] members) =>
        store.CreateChannelAsync(new NewChannel(creator, "general", null, ChannelVisibility.Public, members), TestTimeout());

    private static async Task<MessageRecord> SendAsync(
        IConversationStore store, string conversationId, string sender, string text, string clientMessageId,
        IReadOnlyList<string>? mentions = null, string? replyToId = null)
    {
        var sent = await store.SendMessageAsync(
            new NewMessage(conversationId, sender, text, replyToId, mentions ?? [], clientMessageId), TestTimeout());
        Assert.NotNull(sent);
        return sent.Value;
    }

    // Everything pending, marked published so the next call sees only what happened since.
    private static async Task<IReadOnlyList<string>> TakeEventTypesAsync(IOutboxStore outbox)
    {
        var pending = await outbox.GetPendingAsync(1000, TestTimeout());
        await outbox.MarkPublishedAsync([.. pending.Select(e => e.EventId)], TestTimeout());
        return [.. pending.Select(e => e.EventType)];
    }

    private static string NewDatabase() => $"conversations_{Guid.NewGuid():N}";
}
