using Microsoft.Extensions.Time.Testing;
using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

public sealed class DraftStoreTests
{
    private readonly FakeBrowserStorage _storage = new();
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task ADraftIsThereAtOnceAndWrittenOncePerPauseInTyping()
    {
        var drafts = new DraftStore(_storage, _time);

        await drafts.SetAsync("ana", "conv", "h");
        await drafts.SetAsync("ana", "conv", "he");
        await drafts.SetAsync("ana", "conv", "hel");

        Assert.Equal("hel", await drafts.GetAsync("ana", "conv"));
        Assert.Equal(0, _storage.Writes);
        _time.Advance(DraftStore.Debounce);
        await WrittenAsync(1);
        Assert.Equal(1, _storage.Writes);
        Assert.Equal("hel", await new DraftStore(_storage, _time).GetAsync("ana", "conv"));
    }

    [Fact]
    public async Task EachConversationAndEachUserHasItsOwnDraft()
    {
        var drafts = new DraftStore(_storage, _time);
        await drafts.SetAsync("ana", "one", "first");
        await drafts.SetAsync("ana", "two", "second");
        _time.Advance(DraftStore.Debounce);
        await WrittenAsync(1);

        var reloaded = new DraftStore(_storage, _time);

        Assert.Equal(("first", "second"), (await reloaded.GetAsync("ana", "one"), await reloaded.GetAsync("ana", "two")));
        Assert.Equal(string.Empty, await reloaded.GetAsync("bo", "one"));
    }

    [Fact]
    public async Task SendingClearsTheDraftAtOnceAlsoFromStorage()
    {
        var drafts = new DraftStore(_storage, _time);
        await drafts.SetAsync("ana", "conv", "to send");
        _time.Advance(DraftStore.Debounce);
        await WrittenAsync(1);
        await drafts.SetAsync("ana", "conv", "to send!");

        await drafts.ClearAsync("ana", "conv");
        _time.Advance(DraftStore.Debounce);
        await Task.Yield();

        Assert.Equal(string.Empty, await drafts.GetAsync("ana", "conv"));
        Assert.Empty(_storage.Items);
    }

    // The write runs on the delay's continuation, which may be scheduled rather than run inside Advance.
    private async Task WrittenAsync(int writes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (_storage.Writes < writes)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
