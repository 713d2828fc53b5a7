using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Hosting;
using NexusChat.Imaging;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Files;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using NexusChat.Worker.Previews;
using SkiaSharp;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace NexusChat.Tests.Previews;

/// <summary>
/// The worker's previews in the running app: an attached image reaches the other members as MessageUpdated with its
/// size and a ready preview, and its thumbnail downloads; hostile files end as "none" with the worker still working.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class PreviewTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", 1200, 900)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", 2000, 1500)]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", 480, 800)]
    public async Task AnAttachedImageReachesAnotherMemberWithItsSizeAndAThumbnailOnlyMembersGet(
        SKEncodedImageFormat format, string type, int width, int height)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var image = TestImages.Encode(format, width, height);
        var fileId = await UploadedFile.UploadAsync(fixture, world.Member, image, "picture", type);

        var (sent, updated, elapsed) = await SendAndAwaitPreviewsAsync(world, channel.Id, [fileId], timeout.Token);

        output.WriteLine($"{format} {width}x{height}: send to MessageUpdated with preview {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(PreviewStates.Pending, sent.Attachments.Single().PreviewState);
        var attachment = updated.Attachments.Single();
        Assert.Equal((PreviewStates.Ready, width, height), (attachment.PreviewState, attachment.Width, attachment.Height));
        using var api = world.Api();
        using var thumbnail = await api.GetAsync($"/api/files/{fileId}/thumbnail", world.Member2.AccessToken);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        var bytes = await thumbnail.Content.ReadAsByteArrayAsync();
        Assert.True(TestImages.Decodes(bytes));
        var (thumbnailWidth, thumbnailHeight) = TestImages.SizeOf(bytes);
        Assert.Equal(ThumbnailShape.Preview.Side, Math.Max(thumbnailWidth, thumbnailHeight));
        Assert.Equal(ImageSniffer.Sniff(bytes), thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Contains(thumbnail.Content.Headers.ContentType?.MediaType, new[] { "image/webp", "image/png" });
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", thumbnail.Headers.ETag?.Tag);
        Assert.Equal(["nosniff"], thumbnail.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal((true, TimeSpan.FromDays(1)), (thumbnail.Headers.CacheControl!.Private, thumbnail.Headers.CacheControl.MaxAge));
        using var outsider = await api.GetAsync($"/api/files/{fileId}/thumbnail", world.Outsider.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task CorruptHostileAndNonImageFilesEndWithoutAPreviewAndTheWorkerGoesOnWithTheNextImage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var truncated = await UploadedFile.UploadAsync(fixture, world.Member, TestImages.TruncatedPng(), "cut.png", "image/png");
        var bomb = await UploadedFile.UploadAsync(fixture, world.Member, TestImages.PngClaiming(50_000), "bomb.png", "image/png");
        var text = await UploadedFile.UploadAsync(fixture, world.Member, Encoding.UTF8.GetBytes("just words"), "words.png", "image/png");
        // A PNG named and declared as a JPEG: the magic bytes decide.
        var good = await UploadedFile.UploadAsync(
            fixture, world.Member, TestImages.Encode(SKEncodedImageFormat.Png, 640, 480), "actually-png.jpg", "image/jpeg");

        var (_, updated, _) = await SendAndAwaitPreviewsAsync(world, channel.Id, [truncated, bomb, text, good], timeout.Token);

        Assert.Equal(
            [(truncated, "none", null, null), (bomb, "none", null, null), (text, "none", null, null), (good, "ready", 640, 480)],
            updated.Attachments.Select(a => (a.Id, a.PreviewState, a.Width, a.Height)));
        using var worker = fixture.App.CreateHttpClient(WorkerReplicas.Names[0], "http");
        using var health = await worker.GetAsync("/health", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var api = world.Api();
        using var noThumbnail = await api.GetAsync($"/api/files/{bomb}/thumbnail", world.Member2.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, noThumbnail.StatusCode);
    }

    [Fact]
    public async Task TheSameImageAttachedAgainGetsTheSamePreviewFromTheCache()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var image = TestImages.Encode(SKEncodedImageFormat.Jpeg, 800, 600);
        var first = await UploadedFile.UploadAsync(fixture, world.Member, image, "one.jpg", "image/jpeg");
        var second = await UploadedFile.UploadAsync(fixture, world.Member, image, "two.jpg", "image/jpeg");

        var (_, once, _) = await SendAndAwaitPreviewsAsync(world, channel.Id, [first], timeout.Token);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync(ResourceNames.Redis, timeout.Token))!);
        var cached = await redis.GetDatabase().StringGetAsync(PreviewCache.Key(Convert.ToHexStringLower(SHA256.HashData(image))));
        var (_, again, _) = await SendAndAwaitPreviewsAsync(world, channel.Id, [second], timeout.Token);

        Assert.False(cached.IsNullOrEmpty);
        Assert.Equal(once.Attachments.Single() with { Id = second, FileName = "two.jpg" }, again.Attachments.Single());
        using var api = world.Api();
        using var firstThumbnail = await api.GetAsync($"/api/files/{first}/thumbnail", world.Member2.AccessToken);
        using var secondThumbnail = await api.GetAsync($"/api/files/{second}/thumbnail", world.Member2.AccessToken);
        Assert.Equal(firstThumbnail.Headers.ETag, secondThumbnail.Headers.ETag);
    }

    /// <summary>
    /// Sends the files as Member over REST and waits for the MessageUpdated that Member2 (on its own realtime replica)
    /// receives once none of them is pending; the time is from the send to that arrival.
    /// </summary>
    private async Task<(MessageDto Sent, MessageDto Updated, TimeSpan Elapsed)> SendAndAwaitPreviewsAsync(
        ConversationWorld world, string conversationId, IReadOnlyList<string> fileIds, CancellationToken cancellationToken)
    {
        await using var receiver = await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", cancellationToken);
        var settled = new TaskCompletionSource<(MessageDto, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = receiver.Connection.On<MessageDto>("MessageUpdated", update =>
        {
            if (update.ConversationId == conversationId && update.Attachments.All(a => a.PreviewState != PreviewStates.Pending))
            {
                settled.TrySetResult((update, Stopwatch.GetTimestamp()));
            }
        });
        using var api = world.Api();
        var started = Stopwatch.GetTimestamp();
        using var response = await api.PostAsync($"/api/conversations/{conversationId}/messages",
            new SendMessageRequest("look", Guid.NewGuid().ToString("N"), null, fileIds), world.Member.AccessToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<MessageDto>(cancellationToken))!;
        var (updated, arrived) = await settled.Task.WaitAsync(cancellationToken);
        Assert.Equal(sent.Id, updated.Id);
        return (sent, updated, Stopwatch.GetElapsedTime(started, arrived));
    }
}
