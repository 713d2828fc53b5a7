using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

/// <summary>Members a page at a time, counted, and a user's contacts in one query.</summary>
public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task MembersComeAPageAtATimeByUserIdAndAreCounted()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "dan", "bob", "eve", "ana", "cat");

        var first = await store.ListMembersPageAsync(channel.Id, null, 2, TestTimeout());
        var second = await store.ListMembersPageAsync(channel.Id, first[^1].UserId, 2, TestTimeout());
        var last = await store.ListMembersPageAsync(channel.Id, second[^1].UserId, 2, TestTimeout());

        Assert.Equal(["ana", "bob"], first.Select(m => m.UserId));
        Assert.Equal(["cat", "dan"], second.Select(m => m.UserId));
        Assert.Equal(["eve"], last.Select(m => m.UserId));
        Assert.Equal(5, await store.CountMembersAsync(channel.Id, TestTimeout()));
        await store.RemoveMemberAsync(channel.Id, "eve", TestTimeout());
        Assert.Equal(4, await store.CountMembersAsync(channel.Id, TestTimeout()));
        Assert.Equal(0, await store.CountMembersAsync("no-such-conversation", TestTimeout()));
    }

    [SkippableFact]
    public async Task MembersListInTheOrderTheyJoinedWhicheverReplicaAddedThem()
    {
        var database = NewDatabase();
        var (first, _) = await CreateStoreAsync(database);
        var (second, _) = await CreateStoreAsync(database);
        var channel = await NewChannelAsync(first, "dan", "bob", "eve");
        // Back to back, alternating replicas: joins in the same millisecond are the case time cannot order.
        foreach (var (store, user) in new[] { (second, "zed"), (first, "ana"), (second, "cat"), (first, "yan") })
        {
            Assert.True(await store.AddMemberAsync(channel.Id, user, MemberRoles.Member, TestTimeout()));
        }

        Assert.Equal(["dan", "bob", "eve", "zed", "ana", "cat", "yan"], (await first.ListMembersAsync(channel.Id, TestTimeout())).Select(m => m.UserId));
        Assert.Equal(["dan", "bob", "eve", "zed", "ana", "cat", "yan"], (await second.ListMembersAsync(channel.Id, TestTimeout())).Select(m => m.UserId));
    }

    [SkippableFact]
    public async Task ContactsAreEveryoneWhoSharesAConversationOnceWithoutTheUserUpToTheLimit()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        await NewChannelAsync(store, "ana", "bob", "cat");
        await NewChannelAsync(store, "bob", "ana", "dan");
        await store.GetOrCreateDirectAsync("ana", "eve", TestTimeout());
        await NewChannelAsync(store, "fay", "gus");

        var contacts = await store.ListContactsAsync("ana", 100, TestTimeout());
        var limited = await store.ListContactsAsync("ana", 2, TestTimeout());

        Assert.Equal(["bob", "cat", "dan", "eve"], contacts.Order());
        Assert.Equal(2, limited.Count);
        Assert.Subset(contacts.ToHashSet(), limited.ToHashSet());
        Assert.Empty(await store.ListContactsAsync("nobody", 100, TestTimeout()));
    }

    [SkippableFact]
    public async Task MuteIsEachMembersOwnSettingAndShowsInTheirList()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");

        var muted = await store.SetMutedAsync(channel.Id, "bob", true, TestTimeout());
        var again = await store.SetMutedAsync(channel.Id, "bob", true, TestTimeout());

        Assert.True(muted!.Muted);
        Assert.Equal(muted, again);
        Assert.True((await store.GetMemberAsync(channel.Id, "bob", TestTimeout()))!.Muted);
        Assert.False((await store.GetMemberAsync(channel.Id, "ana", TestTimeout()))!.Muted);
        Assert.True((await store.ListForUserAsync("bob", 10, TestTimeout())).Single().Member.Muted);
        Assert.False((await store.ListForUserAsync("ana", 10, TestTimeout())).Single().Member.Muted);
        Assert.False((await store.SetMutedAsync(channel.Id, "bob", false, TestTimeout()))!.Muted);
        Assert.False((await store.GetMemberAsync(channel.Id, "bob", TestTimeout()))!.Muted);
        Assert.Null(await store.SetMutedAsync(channel.Id, "cat", true, TestTimeout()));
        Assert.Null(await store.SetMutedAsync("no-such-conversation", "bob", true, TestTimeout()));
    }
}
