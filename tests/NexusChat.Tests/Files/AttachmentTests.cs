using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Files;

/// <summary>Sending messages with completed uploads attached, over REST and the hub.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class AttachmentTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AMessageCarriesTheMetadataOfItsAttachmentsInOrder()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var report = RandomNumberGenerator.GetBytes(3000);
        var photo = RandomNumberGenerator.GetBytes(500);
        var reportId = await UploadedFile.UploadAsync(fixture, world.Member, report, "report.pdf", "application/pdf");
        var photoId = await UploadedFile.UploadAsync(fixture, world.Member, photo, "photo.png", "image/png");
        using var api = world.Api();

        using var response = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("two files", "with-files", null, [reportId, photoId]), world.Member.AccessToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equal(
            [
                new AttachmentDto(reportId, "report.pdf", "application/pdf", 3000, Sha256(report), null, null, "pending"),
                new AttachmentDto(photoId, "photo.png", "image/png", 500, Sha256(photo), null, null, "pending"),
            ],
            sent.Attachments);
        using var history = await api.GetAsync($"/api/conversations/{channel.Id}/messages", world.Member2.AccessToken);
        var page = (await history.Content.ReadFromJsonAsync<Page<MessageDto>>())!;
        // The worker may have settled the previews meanwhile (PreviewTests); the metadata is the same either way.
        Assert.Equal(sent.Attachments, page.Items.Single().Attachments.Select(a => a with { Width = null, Height = null, PreviewState = "pending" }));
    }

    [Fact]
    public async Task FilesAreSentWithoutTextAndBlankTextIsStoredEmptyButBlankTextAloneIsRefused()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var file = await UploadedFile.UploadAsync(fixture, world.Member, RandomNumberGenerator.GetBytes(200), "scan.pdf", "application/pdf");
        var other = await UploadedFile.UploadAsync(fixture, world.Member, RandomNumberGenerator.GetBytes(300), "scan2.pdf", "application/pdf");
        using var api = world.Api();

        using var noText = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest(null, "files-only", null, [file]), world.Member.AccessToken);
        using var blankText = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("  \n ", "files-blank", null, [other]), world.Member.AccessToken);
        using var blankAlone = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("  ", "blank-alone", null, []), world.Member.AccessToken);

        Assert.Equal(HttpStatusCode.Created, noText.StatusCode);
        Assert.Equal(HttpStatusCode.Created, blankText.StatusCode);
        var problem = await AssertProblemAsync(blankAlone, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _), problem.ToString());
        Assert.Equal([("", file), ("", other)], (await HistoryAsync(world, channel.Id)).OrderBy(m => m.Seq).Select(m => (m.Text, m.Attachments.Single().Id)));
    }

    [Fact]
    public async Task AnotherUsersUploadCannotBeAttached()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var theirs = await UploadedFile.UploadAsync(fixture, world.Member2, RandomNumberGenerator.GetBytes(100));
        using var api = world.Api();

        using var response = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("not mine", "steal", null, [theirs]), world.Member.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("attachments", out _), problem.ToString());
        Assert.Empty(await HistoryAsync(world, channel.Id));
    }

    [Fact]
    public async Task ElevenAttachmentsAreOneTooMany()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var mine = await UploadedFile.UploadAsync(fixture, world.Member, RandomNumberGenerator.GetBytes(100));
        using var api = world.Api();
        // Ten real ones would pass; the count is refused before any is looked up.
        List<string> eleven = [mine, .. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString("N"))];

        using var response = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("too many", "eleven", null, eleven), world.Member.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 10", problem.GetProperty("errors").GetProperty("attachments")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHubSendsAttachmentsAndEveryMemberReceivesThem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var content = RandomNumberGenerator.GetBytes(700);
        var fileId = await UploadedFile.UploadAsync(fixture, world.Member, content, "clip.mp4", "video/mp4");
        await using var sender = await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var receiver = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);

        var sent = await sender.Connection.InvokeAsync<MessageDto>(
            nameof(IChatHub.SendMessageWithAttachments), channel.Id, "hub-files", "a clip", null, new[] { fileId }, timeout.Token);
        await receiver.WaitForAsync(r => r.Received(channel.Id).Count > 0, timeout.Token);

        var expected = new AttachmentDto(fileId, "clip.mp4", "video/mp4", 700, Sha256(content), null, null, "pending");
        Assert.Equal([expected], sent.Attachments);
        Assert.Equal([expected], receiver.Received(channel.Id).Single().Attachments);
    }

    [Fact]
    public async Task TheHubRefusesAnotherUsersUploadWithATypedError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var theirs = await UploadedFile.UploadAsync(fixture, world.Member2, RandomNumberGenerator.GetBytes(100));
        await using var sender = await HubListener.ConnectAsync(fixture, world.Member, "realtime-3", timeout.Token);

        var error = await Assert.ThrowsAsync<HubException>(() => sender.Connection.InvokeAsync<MessageDto>(
            nameof(IChatHub.SendMessageWithAttachments), channel.Id, "hub-steal", "not mine", null, new[] { theirs }, timeout.Token));

        Assert.Contains($"HubException: {HubErrorCodes.Validation}: attachments:", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<MessageDto>> HistoryAsync(ConversationWorld world, string conversationId)
    {
        using var api = world.Api();
        using var history = await api.GetAsync($"/api/conversations/{conversationId}/messages", world.Owner.AccessToken);
        return (await history.Content.ReadFromJsonAsync<Page<MessageDto>>())!.Items;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
