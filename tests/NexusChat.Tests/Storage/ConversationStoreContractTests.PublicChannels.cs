using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

/// <summary>The public channel directory: <see cref="IConversationStore.ListPublicChannelsAsync"/>.</summary>
public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task ThePublicDirectoryListsOnlyPublicChannelsByCaseFoldedNameThenId()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var beta = await ChannelAsync(store, "beta", ChannelVisibility.Public);
        var upper = await ChannelAsync(store, "Alpha", ChannelVisibility.Public);
        var lower = await ChannelAsync(store, "alpha", ChannelVisibility.Public);
        await ChannelAsync(store, "alpha-secret", ChannelVisibility.Private);
        await store.GetOrCreateDirectAsync("ana", "bob", TestTimeout());

        var all = await store.ListPublicChannelsAsync(null, null, 50, TestTimeout());
        var empty = await store.ListPublicChannelsAsync(string.Empty, null, 50, TestTimeout());

        string[] sameName = [.. new[] { upper.Id, lower.Id }.Order(StringComparer.Ordinal)];
        Assert.Equal([.. sameName, beta.Id], all.Select(c => c.Id));
        Assert.Equal(all.Select(c => c.Id), empty.Select(c => c.Id));
        Assert.Equivalent(beta, all[^1], strict: true);
    }

    [SkippableFact]
    public async Task ThePublicDirectoryMatchesANamePrefixIgnoringCaseAndTakesPatternCharactersLiterally()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var dotted = await ChannelAsync(store, "a.b team", ChannelVisibility.Public);
        await ChannelAsync(store, "axb team", ChannelVisibility.Public);
        var accented = await ChannelAsync(store, "Ünïcode fans", ChannelVisibility.Public);
        var percent = await ChannelAsync(store, "100% done", ChannelVisibility.Public);
        await ChannelAsync(store, "team a.b", ChannelVisibility.Public);

        Assert.Equal([dotted.Id], await IdsAsync(store, "A.B"));
        Assert.Equal([accented.Id], await IdsAsync(store, "üNÏ"));
        Assert.Equal([percent.Id], await IdsAsync(store, "100%"));
        Assert.Empty(await IdsAsync(store, ".*"));
        Assert.Empty(await IdsAsync(store, "b team"));
    }

    [SkippableFact]
    public async Task ThePublicDirectoryPagesAfterTheLastIdWithoutGapsOrRepeatsEvenWhenNamesTie()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        for (var i = 0; i < 7; i++)
        {
            await ChannelAsync(store, i % 2 == 0 ? "same" : $"name {i}", ChannelVisibility.Public);
        }

        var expected = (await store.ListPublicChannelsAsync("", null, 50, TestTimeout())).Select(c => c.Id).ToList();
        var paged = new List<string>();
        string? after = null;
        IReadOnlyList<ConversationRecord> page;
        do
        {
            page = await store.ListPublicChannelsAsync(null, after, 2, TestTimeout());
            paged.AddRange(page.Select(c => c.Id));
            after = page.Count > 0 ? page[^1].Id : null;
        }
        while (page.Count == 2);

        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, paged);
        Assert.Equal(expected.Skip(3).Take(2), await IdsAsync(store, "", expected[2], 2));
    }

    [SkippableFact]
    public async Task ThePublicDirectoryFindsARenamedChannelByItsNewNameAndAPrivateIdIsNoCursor()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await ChannelAsync(store, "old name", ChannelVisibility.Public);
        var secret = await ChannelAsync(store, "hidden", ChannelVisibility.Private);
        await ChannelAsync(store, "zzz", ChannelVisibility.Public);

        await store.UpdateConversationAsync(channel.Id, "New Name", null, TestTimeout());

        Assert.Equal([channel.Id], await IdsAsync(store, "new n"));
        Assert.Empty(await IdsAsync(store, "old"));
        Assert.Empty(await IdsAsync(store, null, secret.Id, 50));
        Assert.Empty(await IdsAsync(store, null, "no-such-conversation", 50));
    }

    private static Task<ConversationRecord> ChannelAsync(IConversationStore store, string name, string visibility) =>
        store.CreateChannelAsync(new NewChannel("ana", name, "topic", visibility, ["bob"]), TestTimeout());

    private static async Task<IReadOnlyList<string>> IdsAsync(IConversationStore store, string? prefix, string? after = null, int limit = 50) =>
        [.. (await store.ListPublicChannelsAsync(prefix, after, limit, TestTimeout())).Select(c => c.Id)];
}
