using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    private static readonly AttachmentRecord Report = new(
        "f1000000000000000000000000000001", "report.pdf", "application/pdf", 1234, new string('a', 64));

    private static readonly AttachmentRecord Photo = new(
        "f2000000000000000000000000000002", "photo.png", "image/png", 99, new string('b', 64));

    [SkippableFact]
    public async Task AMessageKeepsItsAttachmentsInOrderWhereverItIsRead()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");

        var sent = await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "files", null, [], "c1") { Attachments = [Photo, Report] }, TestTimeout());
        var repeat = await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "files", null, [], "c1"), TestTimeout());

        Assert.Equal([Photo, Report], sent!.Value.Attachments);
        Assert.Equal([Photo, Report], repeat!.Value.Attachments);
        Assert.Equal([Photo, Report], (await store.GetMessageAsync(channel.Id, sent.Value.Id, TestTimeout()))!.Attachments);
        Assert.Equal([Photo, Report], (await store.GetMessagesAfterAsync(channel.Id, 0, 10, TestTimeout())).Single().Attachments);
        var edited = await store.EditMessageAsync(channel.Id, sent.Value.Id, "renamed", [], TestTimeout());
        Assert.Equal([Photo, Report], edited!.Attachments);
    }

    [SkippableFact]
    public async Task AnAttachmentIsFoundForMembersOfAConversationThatCarriesItOnly()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        await NewChannelAsync(store, "cat", "dan");

        await store.SendMessageAsync(new NewMessage(channel.Id, "ana", "files", null, [], "c1") { Attachments = [Report] }, TestTimeout());

        Assert.Equal(Report, await store.FindAttachmentForMemberAsync(Report.FileId, "bob", TestTimeout()));
        Assert.Equal(Report, await store.FindAttachmentForMemberAsync(Report.FileId, "ana", TestTimeout()));
        Assert.Null(await store.FindAttachmentForMemberAsync(Report.FileId, "cat", TestTimeout()));
        Assert.Null(await store.FindAttachmentForMemberAsync(Photo.FileId, "bob", TestTimeout()));
        await store.RemoveMemberAsync(channel.Id, "bob", TestTimeout());
        Assert.Null(await store.FindAttachmentForMemberAsync(Report.FileId, "bob", TestTimeout()));
    }

    [SkippableFact]
    public async Task DeletingTheMessageEndsAccessUnlessAnotherMessageStillCarriesTheFile()
    {
        var (store, _) = await CreateStoreAsync(NewDatabase());
        var first = await NewChannelAsync(store, "ana", "bob");
        var second = await NewChannelAsync(store, "ana", "cat");
        var inFirst = (await store.SendMessageAsync(
            new NewMessage(first.Id, "ana", "here", null, [], "c1") { Attachments = [Report] }, TestTimeout()))!.Value;
        var inSecond = (await store.SendMessageAsync(
            new NewMessage(second.Id, "ana", "and here", null, [], "c2") { Attachments = [Report] }, TestTimeout()))!.Value;

        var tombstone = await store.DeleteMessageAsync(first.Id, inFirst.Id, TestTimeout());

        Assert.Empty(tombstone!.Attachments);
        Assert.Empty((await store.GetMessageAsync(first.Id, inFirst.Id, TestTimeout()))!.Attachments);
        Assert.Null(await store.FindAttachmentForMemberAsync(Report.FileId, "bob", TestTimeout()));
        Assert.Equal(Report, await store.FindAttachmentForMemberAsync(Report.FileId, "cat", TestTimeout()));
        Assert.Equal(Report, await store.FindAttachmentForMemberAsync(Report.FileId, "ana", TestTimeout()));
        await store.DeleteMessageAsync(second.Id, inSecond.Id, TestTimeout());
        Assert.Null(await store.FindAttachmentForMemberAsync(Report.FileId, "ana", TestTimeout()));
    }
}
