using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

/// <summary>
/// Search words are whole words on every provider. MongoDB's $text checks a quoted phrase as a substring of the text,
/// which the embedded store's FTS5 tokens never did: the cases here are where the two used to disagree.
/// </summary>
public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task SearchWordsMatchWholeWordsNeverPartsOfOtherWords()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        var evergreen = await SendAsync(store, channel.Id, "ana", "evergreen deploy", "c1");
        var green = await SendAsync(store, channel.Id, "ana", "Green light: deploy", "c2");

        Assert.Equal([green.Id], (await store.SearchAsync("ana", "green deploy", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([evergreen.Id], (await store.SearchAsync("ana", "evergreen", 10, TestTimeout())).Select(m => m.Id));
        Assert.Empty(await store.SearchAsync("ana", "ever", 10, TestTimeout()));
    }

    [SkippableFact]
    public async Task PunctuationInASearchSeparatesWordsOnBothSidesOfTheSearch()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana");
        var plain = await SendAsync(store, channel.Id, "ana", "deploy now", "c1");
        await Task.Delay(5);
        var comma = await SendAsync(store, channel.Id, "ana", "first deploy, then rest", "c2");
        await Task.Delay(5);
        var hyphen = await SendAsync(store, channel.Id, "ana", "blue-green switch", "c3");

        Assert.Equal([comma.Id, plain.Id], (await store.SearchAsync("ana", "deploy,", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([comma.Id], (await store.SearchAsync("ana", "(deploy) first!", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([hyphen.Id], (await store.SearchAsync("ana", "green-blue", 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal([hyphen.Id], (await store.SearchAsync("ana", "green", 10, TestTimeout())).Select(m => m.Id));
    }
}
