using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    [SkippableFact]
    public async Task AClientMessageIdIsEachSendersOwnSoAnotherSendersEqualIdStoresANewMessage()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");

        var fromAna = await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "ana's text", null, [], "same"), TestTimeout());
        var fromBob = await store.SendMessageAsync(new NewMessage(channel.Id, "bob", "bob's text", null, [], "same"), TestTimeout());
        var anaAgain = await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "ana retried", null, [], "same"), TestTimeout());
        var bobAgain = await store.SendMessageAsync(new NewMessage(channel.Id, "bob", "bob retried", null, [], "same"), TestTimeout());

        Assert.True(fromAna!.Created);
        Assert.True(fromBob!.Created);
        Assert.Equal(("bob", "bob's text", 2L), (fromBob.Value.SenderId, fromBob.Value.Text, fromBob.Value.Seq));
        Assert.False(anaAgain!.Created);
        Assert.Equal(fromAna.Value.Id, anaAgain.Value.Id);
        Assert.False(bobAgain!.Created);
        Assert.Equal(fromBob.Value.Id, bobAgain.Value.Id);
        Assert.Equal(["ana's text", "bob's text"], (await store.GetMessagesAfterAsync(channel.Id, 0, 10, TestTimeout())).Select(m => m.Text));
    }
}
