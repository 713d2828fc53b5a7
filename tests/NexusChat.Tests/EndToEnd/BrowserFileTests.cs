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
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 800 } };

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
        var ana = await ChatPageDriver.StartAsync(_browser, _fixture.WebAddress, "ana", Desktop);
        await using var anaSession = ana.Session;
        var ben = await ChatPageDriver.StartAsync(_browser, _fixture.WebAddress, "ben", Desktop);
        await using var benSession = ben.Session;
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
        ChatPageDriver.AssertNoPageProblems(ana, ben);
    }
}
