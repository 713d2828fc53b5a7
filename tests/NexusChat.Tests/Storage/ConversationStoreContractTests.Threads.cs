using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task AThreadReplyTakesTheNextSeqAndItsRootCountsItInTheSameWrite()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob", "cat");
        var root = await SendAsync(store, channel.Id, "ana", "root", "c1");
        await TakeEventTypesAsync(outbox);

        var first = await ReplyAsync(store, channel.Id, root.Id, "bob", "r1");
        var second = await ReplyAsync(store, channel.Id, root.Id, "cat", "r2", alsoToChannel: true);
        var third = await ReplyAsync(store, channel.Id, root.Id, "bob", "r3");

        Assert.Equal([2L, 3L, 4L], [first.Seq, second.Seq, third.Seq]);
        Assert.Equal(root.Id, first.ThreadId);
        Assert.False(first.AlsoToChannel);
        Assert.True(second.AlsoToChannel);
        var counted = (await store.GetMessageAsync(channel.Id, root.Id, TestTimeout()))!;
        Assert.Equal(3, counted.Thread!.ReplyCount);
        Assert.Equal(third.CreatedAt, counted.Thread.LastReplyAt);
        Assert.Equal(["bob", "cat"], counted.Thread.ParticipantIds);
        Assert.Equal(2, counted.Thread.ParticipantCount);
        // The root changed with the reply: the sync cursor carries its new summary.
        Assert.Equal(third.Version, counted.Version);
        Assert.Contains(await store.GetChangesSinceAsync(channel.Id, second.Version, 10, TestTimeout()), m => m.Id == root.Id);
        Assert.Equal(["MessageCreated", "MessageCreated", "MessageCreated"], await TakeEventTypesAsync(outbox));
        Assert.Null(first.Thread);
    }

    [SkippableFact]
    public async Task ThreadRepliesPageBySeqInBothDirections()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var root = await SendAsync(store, channel.Id, "ana", "root", "c0");
        var other = await SendAsync(store, channel.Id, "ana", "another root", "o0");
        var replies = new List<MessageRecord>();
        for (var i = 1; i <= 5; i++)
        {
            replies.Add(await ReplyAsync(store, channel.Id, root.Id, "bob", $"r{i}"));
            await ReplyAsync(store, channel.Id, other.Id, "bob", $"o{i}");
        }

        var latest = await store.GetThreadRepliesAsync(channel.Id, root.Id, null, null, 2, TestTimeout());
        var earlier = await store.GetThreadRepliesAsync(channel.Id, root.Id, latest[^1].Seq, null, 10, TestTimeout());
        var newer = await store.GetThreadRepliesAsync(channel.Id, root.Id, null, replies[1].Seq, 2, TestTimeout());
        var elsewhere = await store.GetThreadRepliesAsync("no-such-conversation", root.Id, null, null, 10, TestTimeout());

        Assert.Equal([replies[4].Id, replies[3].Id], latest.Select(m => m.Id));
        Assert.Equal([replies[2].Id, replies[1].Id, replies[0].Id], earlier.Select(m => m.Id));
        Assert.Equal([replies[2].Id, replies[3].Id], newer.Select(m => m.Id));
        Assert.Empty(elsewhere);
    }

    [SkippableFact]
    public async Task DeletingAReplyTakesItOffTheCountAndKeepsTheRest()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var root = await SendAsync(store, channel.Id, "ana", "root", "c1");
        var kept = await ReplyAsync(store, channel.Id, root.Id, "bob", "r1");
        var gone = await ReplyAsync(store, channel.Id, root.Id, "bob", "r2");
        await TakeEventTypesAsync(outbox);

        var tombstone = await store.DeleteMessageAsync(channel.Id, gone.Id, TestTimeout());
        var after = (await store.GetMessageAsync(channel.Id, root.Id, TestTimeout()))!;
        var deletedRoot = await store.DeleteMessageAsync(channel.Id, root.Id, TestTimeout());

        Assert.Equal(root.Id, tombstone!.ThreadId);
        Assert.Equal(1, after.Thread!.ReplyCount);
        Assert.Equal(gone.CreatedAt, after.Thread.LastReplyAt);
        Assert.Equal(tombstone.Version, after.Version);
        // A deleted root keeps its thread: the replies stay readable under it.
        Assert.Equal(1, deletedRoot!.Thread!.ReplyCount);
        Assert.Equal([gone.Id, kept.Id], (await store.GetThreadRepliesAsync(channel.Id, root.Id, null, null, 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal(["MessageDeleted", "MessageDeleted"], await TakeEventTypesAsync(outbox));
    }

    [SkippableFact]
    public async Task ParticipantsKeepTheFirstFiveAndCountEveryone()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var users = Enumerable.Range(1, 7).Select(i => $"u{i}").ToArray();
        var channel = await NewChannelAsync(store, "ana", users);
        var root = await SendAsync(store, channel.Id, "ana", "root", "c1");
        foreach (var user in users.Concat(users))
        {
            await ReplyAsync(store, channel.Id, root.Id, user, $"r-{user}-{Guid.NewGuid():N}");
        }

        var thread = (await store.GetMessageAsync(channel.Id, root.Id, TestTimeout()))!.Thread!;
        Assert.Equal(14, thread.ReplyCount);
        Assert.Equal(users.Take(ThreadSummary.MaxParticipantIds), thread.ParticipantIds);
        Assert.Equal(7, thread.ParticipantCount);
    }

    [SkippableFact]
    public async Task ConcurrentRepliesFromSeveralReplicasAreAllCounted()
    {
        var database = NewDatabase();
        var (first, _) = await CreateStoreAsync(database);
        var channel = await NewChannelAsync(first, "ana", "bob", "cat");
        var root = await SendAsync(first, channel.Id, "ana", "root", "c1");
        var replicas = new List<IConversationStore>();
        for (var i = 0; i < 4; i++)
        {
            replicas.Add((await CreateStoreAsync(database)).Store);
        }

        const int Replies = 40;
        await Task.WhenAll(Enumerable.Range(0, Replies).Select(i => Task.Run(() =>
            ReplyAsync(replicas[i % replicas.Count], channel.Id, root.Id, i % 2 == 0 ? "bob" : "cat", $"r{i}"))));

        var thread = (await first.GetMessageAsync(channel.Id, root.Id, TestTimeout()))!.Thread!;
        Assert.Equal(Replies, thread.ReplyCount);
        Assert.Equal(2, thread.ParticipantCount);
        Assert.Equal(Replies, (await first.GetThreadRepliesAsync(channel.Id, root.Id, null, null, 100, TestTimeout())).Count);
    }

    [SkippableFact]
    public async Task ThreadOnlyRepliesLeaveTheChannelsUnreadCountAndLastMessageAloneButMentionsCount()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var root = await SendAsync(store, channel.Id, "ana", "root", "c1");
        await store.MarkReadAsync(channel.Id, "bob", root.Seq, TestTimeout());
        await ReplyAsync(store, channel.Id, root.Id, "ana", "quiet");
        await ReplyAsync(store, channel.Id, root.Id, "ana", "hi @bob", mentions: ["bob"]);
        var shared = await ReplyAsync(store, channel.Id, root.Id, "ana", "loud", alsoToChannel: true);
        await ReplyAsync(store, channel.Id, root.Id, "ana", "quiet again");

        var summary = (await store.ListForUserAsync("bob", 10, TestTimeout())).Single();

        Assert.Equal(1, summary.UnreadCount);
        Assert.Equal(1, summary.MentionCount);
        Assert.Equal(shared.Id, summary.LastMessage!.Id);
    }

    private static async Task<MessageRecord> ReplyAsync(
        IConversationStore store, string conversationId, string rootId, string sender, string clientMessageId,
        bool alsoToChannel = false, IReadOnlyList<string>? mentions = null)
    {
        var sent = await store.SendMessageAsync(
            new NewMessage(conversationId, sender, $"reply {clientMessageId}", null, mentions ?? [], clientMessageId)
            {
                ThreadId = rootId, AlsoToChannel = alsoToChannel,
            },
            TestTimeout());
        Assert.NotNull(sent);
        return sent.Value;
    }
}
