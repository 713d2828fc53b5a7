using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage;

public abstract partial class ConversationStoreContractTests
{
    private static readonly AttachmentPreview PhotoPreview = new("ready", 640, 480, new string('c', 64), "image/webp");

    [SkippableFact]
    public async Task SettingAPreviewChangesThatAttachmentOnlyAsANewVersionWithOneEventAndARepeatChangesNothing()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var sent = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "files", null, [], "c1") { Attachments = [Photo, Report] }, TestTimeout()))!.Value;
        await TakeEventTypesAsync(outbox);

        var changed = await store.SetAttachmentPreviewAsync(channel.Id, sent.Id, Photo.FileId, PhotoPreview, TestTimeout());
        var repeat = await store.SetAttachmentPreviewAsync(channel.Id, sent.Id, Photo.FileId, PhotoPreview, TestTimeout());

        Assert.Equal([Photo with { Preview = PhotoPreview }, Report], changed!.Attachments);
        Assert.Equal(sent.Version + 1, changed.Version);
        Assert.Equal(changed.Version, repeat!.Version);
        Assert.Equal(changed.Attachments, repeat.Attachments);
        Assert.Equal(["AttachmentPreviewChanged"], await TakeEventTypesAsync(outbox));
        Assert.Equal(changed.Attachments, (await store.GetMessageAsync(channel.Id, sent.Id, TestTimeout()))!.Attachments);
        Assert.Equal([sent.Id], (await store.GetChangesSinceAsync(channel.Id, sent.Version, 10, TestTimeout())).Select(m => m.Id));
        Assert.Equal(Photo with { Preview = PhotoPreview }, await store.FindAttachmentForMemberAsync(Photo.FileId, "bob", TestTimeout()));
        Assert.Equal(Report, await store.FindAttachmentForMemberAsync(Report.FileId, "bob", TestTimeout()));
    }

    [SkippableFact]
    public async Task APreviewForADeletedMessageOrAFileItDoesNotCarryChangesNothing()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        var sent = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "files", null, [], "c1") { Attachments = [Report] }, TestTimeout()))!.Value;
        var deleted = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "gone", null, [], "c2") { Attachments = [Photo] }, TestTimeout()))!.Value;
        var tombstone = await store.DeleteMessageAsync(channel.Id, deleted.Id, TestTimeout());
        await TakeEventTypesAsync(outbox);

        var notCarried = await store.SetAttachmentPreviewAsync(channel.Id, sent.Id, Photo.FileId, PhotoPreview, TestTimeout());
        var onTombstone = await store.SetAttachmentPreviewAsync(channel.Id, deleted.Id, Photo.FileId, PhotoPreview, TestTimeout());
        var missing = await store.SetAttachmentPreviewAsync(channel.Id, "no-such-message", Photo.FileId, PhotoPreview, TestTimeout());

        Assert.Equal(sent.Version, notCarried!.Version);
        Assert.Equal(sent.Attachments, notCarried.Attachments);
        Assert.Equal((tombstone!.Version, true), (onTombstone!.Version, onTombstone.Deleted));
        Assert.Null(missing);
        Assert.Empty(await TakeEventTypesAsync(outbox));
        Assert.Null(await store.FindAttachmentForMemberAsync(Photo.FileId, "bob", TestTimeout()));
    }
    [SkippableFact]
    public async Task OnlyAMessageWithFilesAwaitingAPreviewAlsoWritesAttachmentsPostedForThePreviewer()
    {
        var (store, outbox) = await CreateStoreAsync(NewDatabase());
        var channel = await NewChannelAsync(store, "ana", "bob");
        await TakeEventTypesAsync(outbox);

        await SendAsync(store, channel.Id, "ana", "no files", "c1");
        var plain = await TakeEventTypesAsync(outbox);
        var withFiles = (await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "files", null, [], "c2") { Attachments = [Photo, Report] }, TestTimeout()))!.Value;
        var withFileEvents = await outbox.GetPendingAsync(10, TestTimeout());
        await TakeEventTypesAsync(outbox);
        await store.SendMessageAsync(
            new NewMessage(channel.Id, "ana", "settled", null, [], "c3") { Attachments = [Photo with { Preview = PhotoPreview }] },
            TestTimeout());
        var settled = await TakeEventTypesAsync(outbox);

        Assert.Equal(["MessageCreated"], plain);
        Assert.Equal(["MessageCreated", "AttachmentsPosted"], withFileEvents.Select(e => e.EventType));
        using var payload = System.Text.Json.JsonDocument.Parse(withFileEvents[1].Payload);
        Assert.Equal(withFiles.Id, payload.RootElement.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal(["MessageCreated"], settled);
    }
}
