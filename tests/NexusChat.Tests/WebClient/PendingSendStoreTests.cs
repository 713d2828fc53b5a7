using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

public sealed class PendingSendStoreTests
{
    private readonly FakeBrowserStorage _storage = new();

    private static PendingSend Send(string id, string conversation = "conv", int minute = 0, bool failed = false) =>
        new(id, conversation, $"text {id}", null, [], Now.AddMinutes(minute), failed);

    [Fact]
    public async Task KeptSendsAreListedPerConversationOldestFirstAndSurviveANewStore()
    {
        var store = new PendingSendStore(_storage);
        await store.AddAsync("ana", Send("b", minute: 2));
        await store.AddAsync("ana", Send("a", minute: 1));
        await store.AddAsync("ana", Send("x", conversation: "other"));

        var reloaded = new PendingSendStore(_storage);

        Assert.Equal(["a", "b"], (await reloaded.ForConversationAsync("ana", "conv")).Select(p => p.ClientMessageId));
        Assert.Equal(["x"], (await reloaded.ForConversationAsync("ana", "other")).Select(p => p.ClientMessageId));
    }

    [Fact]
    public async Task EachSignedInUserHasTheirOwn()
    {
        var store = new PendingSendStore(_storage);
        await store.AddAsync("ana", Send("a"));

        Assert.Empty(await store.ForConversationAsync("bo", "conv"));
        Assert.Equal([PendingSendStore.KeyOf("ana")], _storage.Items.Keys);
    }

    [Fact]
    public async Task RemovingTheLastOneLeavesNothingInStorage()
    {
        var store = new PendingSendStore(_storage);
        await store.AddAsync("ana", Send("a"));
        await store.AddAsync("ana", Send("b"));

        await store.RemoveAsync("ana", "a");
        Assert.Equal(["b"], (await store.ForConversationAsync("ana", "conv")).Select(p => p.ClientMessageId));
        await store.RemoveAsync("ana", "b");

        Assert.Empty(_storage.Items);
    }

    [Fact]
    public async Task AFailedMarkIsKeptAndCanBeLifted()
    {
        var store = new PendingSendStore(_storage);
        await store.AddAsync("ana", Send("a"));

        await store.SetFailedAsync("ana", "a", failed: true);
        Assert.True((await new PendingSendStore(_storage).ForConversationAsync("ana", "conv")).Single().Failed);
        await store.SetFailedAsync("ana", "a", failed: false);

        Assert.False((await store.ForConversationAsync("ana", "conv")).Single().Failed);
    }

    [Fact]
    public async Task AddingTheSameClientMessageIdAgainKeepsOne()
    {
        var store = new PendingSendStore(_storage);
        await store.AddAsync("ana", Send("a"));
        await store.AddAsync("ana", Send("a", failed: true));

        Assert.True((await store.ForConversationAsync("ana", "conv")).Single().Failed);
    }

    [Fact]
    public async Task DamagedStorageReadsAsNothingKept()
    {
        _storage.Items[PendingSendStore.KeyOf("ana")] = "{not json";

        Assert.Empty(await new PendingSendStore(_storage).ForConversationAsync("ana", "conv"));
    }
}
