using System.Security.Cryptography;
using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Files in real browsers through the gateway of the host-mode app: uploaded with tus-js-client in chunks, sent on a
/// message, shown to the other member (an image inline with its lightbox, anything else as a card) and downloaded
/// with the same bytes.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserFileTests : IClassFixture<BrowserFixture>
{
    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserFileTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task AnAttachedImageAndFileReachTheOtherMemberAndTheFileDownloadsWithTheSameBytes()
    {
        await using var anaPerson = await BrowserPerson.NewAsync(_browser, _fixture, "ana", BrowserPerson.Desktop);
        await using var benPerson = await BrowserPerson.NewAsync(_browser, _fixture, "ben", BrowserPerson.Desktop);
        var (ana, ben) = (anaPerson.Driver, benPerson.Driver);
        await ana.RegisterAsync();
        await ben.RegisterAsync();
        var channel = $"files-{Guid.NewGuid():N}"[..14];
        await ana.CreateChannelAsync(channel);
        await ana.AddPersonAsync(ben);
        await ben.OpenConversationAsync(channel);

        // An image: the upload shows its progress, and the message waits for it.
        var png = TestPng.Gradient(64, 48);
        await ana.AttachAsync(new FilePayload { Name = "gradient.png", MimeType = "image/png", Buffer = png });
        var upload = ana.Upload("gradient.png");
        await Expect(upload.GetByRole(AriaRole.Progressbar, new() { Name = "Uploading gradient.png" })).ToBeVisibleAsync();
        await Expect(upload).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(upload.Locator("progress")).ToHaveAttributeAsync("value", "100");
        await ana.SendAsync("a gradient");
        await Expect(ana.Upload("gradient.png")).ToHaveCountAsync(0);

        var image = ben.Attachment("a gradient", "gradient.png");
        await Expect(image).ToBeVisibleAsync();
        var state = await image.GetAttributeAsync("data-preview-state");
        _output.WriteLine($"preview state on arrival: {state}");
        if (state == "ready")
        {
            // The worker made the thumbnail already: it is shown, fetched with the bearer token.
            await Expect(image.Locator("img")).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0);
        }
        else
        {
            Assert.Equal("pending", state);
            await Expect(image.Locator("svg.image-placeholder")).ToBeVisibleAsync();
        }

        // Whatever the preview's state, the lightbox shows the full image: the uploaded bytes decode as 64 × 48.
        await image.ClickAsync();
        var full = ben.Page.Locator(".lightbox img");
        await Expect(full).ToBeVisibleAsync();
        await Expect(full).ToHaveJSPropertyAsync("naturalWidth", 64);
        await Expect(full).ToHaveJSPropertyAsync("naturalHeight", 48);
        await ben.Page.Keyboard.PressAsync("Escape");
        await Expect(ben.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Any other file: 20 MB of random bytes cross in two chunks (16 MiB each) and come back the same.
        var data = RandomNumberGenerator.GetBytes(20_000_000);
        await ana.AttachAsync(new FilePayload { Name = "data.bin", MimeType = "application/octet-stream", Buffer = data });
        await Expect(ana.Upload("data.bin")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await ana.SendAsync("the data");

        var card = ben.Attachment("the data", "data.bin");
        await Expect(card.Locator(".file-size")).ToHaveTextAsync("20 MB");
        var download = await ben.Page.RunAndWaitForDownloadAsync(
            () => card.GetByRole(AriaRole.Button, new() { Name = "Download data.bin" }).ClickAsync(), new() { Timeout = 60_000 });
        Assert.Equal("data.bin", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"nexuschat-download-{Guid.NewGuid():N}");
        try
        {
            await download.SaveAsAsync(saved);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(saved))));
        }
        finally
        {
            File.Delete(saved);
        }

        _output.WriteLine($"screenshots: {await ana.ScreenshotAsync("files-sender")}, {await ben.ScreenshotAsync("files-receiver")}");
        BrowserPerson.AssertNoPageProblems(anaPerson, benPerson);
    }

    [SkippableFact]
    public async Task AnUploadCutByTheNetworkAndAReloadResumesFromTheServersOffsetAndARemovedOneIsTerminated()
    {
        await using var anaPerson = await BrowserPerson.NewAsync(_browser, _fixture, "ana", BrowserPerson.Desktop);
        var ana = anaPerson.Driver;
        await ana.RegisterAsync();
        var channel = $"resume-{Guid.NewGuid():N}"[..15];
        await ana.CreateChannelAsync(channel);
        var page = ana.Page;
        var uploadRequests = new System.Collections.Concurrent.ConcurrentQueue<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/uploads", StringComparison.Ordinal))
            {
                uploadRequests.Enqueue(request);
            }
        };

        // From disk, so the file's modification time (part of tus' fingerprint) is the same when attached again.
        // Four chunks: the network drops after the first, with three to spare for the test's reaction time.
        var folder = Directory.CreateTempSubdirectory("nexuschat-upload-");
        var path = Path.Combine(folder.FullName, "big.bin");
        var data = RandomNumberGenerator.GetBytes(64_000_000);
        await File.WriteAllBytesAsync(path, data);
        try
        {
            var firstChunk = await page.RunAndWaitForResponseAsync(() => page.GetByLabel("Files to attach").SetInputFilesAsync(path), IsAcceptedChunk, ChunkWait);
            var uploadUrl = firstChunk.Url;
            await ana.Session.Context.SetOfflineAsync(true);
            var big = ana.Upload("big.bin");
            await Expect(big).ToHaveAttributeAsync("data-status", "WaitingForNetwork");
            await big.GetByRole(AriaRole.Button, new() { Name = "Pause big.bin" }).ClickAsync();
            await Expect(big).ToHaveAttributeAsync("data-status", "Paused");
            await ana.Session.Context.SetOfflineAsync(false);

            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = channel })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            uploadRequests.Clear();
            await page.GetByLabel("Files to attach").SetInputFilesAsync(path);
            await Expect(ana.Upload("big.bin")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });

            // Resumed, not started over: the stored URL was asked for its offset, and the bytes went on from there.
            var afterReload = uploadRequests.ToList();
            Assert.DoesNotContain(afterReload, r => r.Method == "POST");
            Assert.Contains(afterReload, r => r.Method == "HEAD" && r.Url == uploadUrl);
            var offset = long.Parse(await afterReload.First(r => r.Method == "PATCH").HeaderValueAsync("upload-offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            _output.WriteLine($"resumed at {offset} of {data.Length}");
            Assert.InRange(offset, 16L * 1024 * 1024, data.Length - 1);
            Assert.Equal(0, offset % (16 * 1024 * 1024));

            await ana.SendAsync("resumed");
            var download = await page.RunAndWaitForDownloadAsync(() =>
                ana.Attachment("resumed", "big.bin").GetByRole(AriaRole.Button, new() { Name = "Download big.bin" }).ClickAsync(),
                new() { Timeout = 60_000 });
            Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(await download.PathAsync()))));

            // Remove ends an unfinished upload on the server (tus termination), freeing the user's slot. A chunk still
            // in flight holds the upload's lock for a moment (409): tus-js-client repeats the DELETE until it is 204.
            var dropped = Path.Combine(folder.FullName, "dropped.bin");
            await File.WriteAllBytesAsync(dropped, RandomNumberGenerator.GetBytes(64_000_000));
            await page.RunAndWaitForResponseAsync(() => page.GetByLabel("Files to attach").SetInputFilesAsync(dropped), IsAcceptedChunk, ChunkWait);
            var row = ana.Upload("dropped.bin");
            await page.RunAndWaitForResponseAsync(
                () => row.GetByRole(AriaRole.Button, new() { Name = "Remove dropped.bin" }).ClickAsync(),
                response => response.Request.Method == "DELETE" && response.Status == 204 && response.Url.Contains("/api/uploads/", StringComparison.Ordinal),
                ChunkWait);
            await Expect(row).ToHaveCountAsync(0);
        }
        finally
        {
            await ana.Session.Context.SetOfflineAsync(false);
            folder.Delete(recursive: true);
        }

        // The failures the test caused are the only ones the page may report: the chunk cut off by the network, and
        // the DELETEs answered 409 while the removed upload's last chunk still held its lock.
        string[] caused = ["net::ERR_INTERNET_DISCONNECTED", "status of 409 (Conflict)"];
        var unexpected = ana.Session.Problems
            .Where(p => !(p.Contains("/api/uploads/", StringComparison.Ordinal) && caused.Any(c => p.Contains(c, StringComparison.Ordinal))))
            .ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }

    // A 16 MiB chunk crosses the gateway and an api replica: on a loaded 2-core machine that takes a while.
    private static readonly PageRunAndWaitForResponseOptions ChunkWait = new() { Timeout = 120_000 };

    private static bool IsAcceptedChunk(IResponse response) => response.Request.Method == "PATCH" && response.Status == 204;
}
