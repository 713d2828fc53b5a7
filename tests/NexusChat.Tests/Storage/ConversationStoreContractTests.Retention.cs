using Microsoft.Extensions.Time.Testing;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task APurgeDeletesOnlyMessagesPublishedBeforeItsCutoffOldestFirstAndNeverPendingOnes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (store, outbox) = await CreateStoreAsync(NewDatabase(), time);
        var channel = await NewChannelAsync(store, "ana");
        await SendAsync(store, channel.Id, "ana", "old one", "c1");
        var old = await TakeEventTypesAsync(outbox);
        time.Advance(TimeSpan.FromDays(2));
        await SendAsync(store, channel.Id, "ana", "young one", "c2");
        var young = await TakeEventTypesAsync(outbox);
        await SendAsync(store, channel.Id, "ana", "never published", "c3");
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(1);

        var firstBatch = await outbox.PurgePublishedAsync(cutoff, 1, TestTimeout());
        var secondBatch = await outbox.PurgePublishedAsync(cutoff, 10, TestTimeout());
        var nothingLeft = await outbox.PurgePublishedAsync(cutoff, 10, TestTimeout());
        var atTheEnd = await outbox.PurgePublishedAsync(time.GetUtcNow().AddDays(365), 10, TestTimeout());

        Assert.Equal(["ConversationCreated", "MessageCreated"], old);
        Assert.Equal(["MessageCreated"], young);
        Assert.Equal((1, 1, 0, 1), (firstBatch, secondBatch, nothingLeft, atTheEnd));
        var pending = Assert.Single(await outbox.GetPendingAsync(10, TestTimeout()));
        Assert.Contains("never published", pending.Payload, StringComparison.Ordinal);
    }
}
