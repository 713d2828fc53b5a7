using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task AMessageTakesAtMostFiftyDifferentEmojiButTheOnesItHasStayOpen()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var message = await SendAsync(store, channel.Id, "ana", "react", "c1");
        for (var i = 0; i < ReactionLimits.MaxDistinctPerMessage; i++)
        {
            await store.AddReactionAsync(channel.Id, message.Id, "ana", Face(i), TestTimeout());
        }

        await TakeEventTypesAsync(outbox);

        var refused = await store.AddReactionAsync(channel.Id, message.Id, "bob", Face(ReactionLimits.MaxDistinctPerMessage), TestTimeout());
        var joined = await store.AddReactionAsync(channel.Id, message.Id, "bob", Face(0), TestTimeout());

        Assert.NotNull(refused);
        Assert.False(ReactionLimits.Has(refused, "bob", Face(ReactionLimits.MaxDistinctPerMessage)));
        Assert.Equal(ReactionLimits.MaxDistinctPerMessage, refused.Reactions.Count);
        Assert.Equal(["ana", "bob"], joined!.Reactions[Face(0)]);
        Assert.Equal(refused.Version + 1, joined.Version);
        Assert.Equal(["ReactionChanged"], await TakeEventTypesAsync(outbox));
    }

    [SkippableFact]
    public async Task ReplicasAddingNewEmojiAtOnceNeverPassTheLimitTogether()
    {
        var database = NewDatabase();
        var (first, _) = await CreateStoreAsync(database);
        var channel = await NewChannelAsync(first, "ana");
        var message = await SendAsync(first, channel.Id, "ana", "react", "c1");
        for (var i = 0; i < ReactionLimits.MaxDistinctPerMessage - 2; i++)
        {
            await first.AddReactionAsync(channel.Id, message.Id, "ana", Face(i), TestTimeout());
        }

        var replicas = new List<IConversationStore>();
        for (var i = 0; i < 4; i++)
        {
            replicas.Add((await CreateStoreAsync(database)).Store);
        }

        // Twelve new emoji from four replicas for the two places left.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => replicas[i % replicas.Count].AddReactionAsync(
            channel.Id, message.Id, "ana", Face(100 + i), TestTimeout()))));

        var stored = await first.GetMessageAsync(channel.Id, message.Id, TestTimeout());
        Assert.Equal(ReactionLimits.MaxDistinctPerMessage, stored!.Reactions.Count);
    }

    // Distinct single pictographs from U+1F300 on.
    private static string Face(int i) => char.ConvertFromUtf32(0x1F300 + i);
}
