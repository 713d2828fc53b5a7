using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>Threads in real browsers: a reply reaches the other person's root count and open panel; the issue's screenshots.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserThreadTests : IClassFixture<BrowserFixture>
{
    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserThreadTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task AThreadReplyShowsItsCountOnTheRootAndTheReplyInTheOtherPersonsPanel()
    {
        // Ben reads on a phone, where the panel covers the conversation.
        await using var ana = await BrowserPerson.NewAsync(_browser, _fixture, "ana", BrowserPerson.Desktop);
        await using var ben = await BrowserPerson.NewAsync(_browser, _fixture, "ben", BrowserPerson.Phone);
        await ana.Driver.RegisterAsync();
        await ben.Driver.RegisterAsync();
        var channel = $"thread-{Guid.NewGuid():N}"[..13];
        await ana.Driver.CreateChannelAsync(channel);
        await ana.Driver.AddPersonAsync(ben.Driver);
        await ana.Driver.SendAsync("shall we ship friday");
        await ben.Driver.OpenConversationAsync(channel);
        await Expect(ben.Driver.ChannelMessage("shall we ship friday")).ToBeVisibleAsync();

        await ben.Driver.OpenThreadAsync("shall we ship friday");
        await Expect(ben.Driver.ThreadPanel().Locator(".thread-divider")).ToHaveTextAsync("No replies yet");
        await ana.Driver.OpenThreadAsync("shall we ship friday");
        await ana.Driver.ReplyInThreadAsync("only if tests pass");

        await Expect(ben.Driver.ThreadMessages().Filter(new() { HasTextString = "only if tests pass" })).ToBeVisibleAsync();
        await Expect(ben.Driver.ThreadSummary("shall we ship friday")).ToContainTextAsync("1 reply");
        await Expect(ben.Driver.ChannelMessage("only if tests pass")).ToHaveCountAsync(0);

        await ana.Driver.ReplyInThreadAsync("and the channel should know", alsoToChannel: true);
        await Expect(ben.Driver.ChannelMessage("and the channel should know")).ToBeVisibleAsync();
        await Expect(ben.Driver.ThreadSummary("shall we ship friday")).ToContainTextAsync("2 replies");

        // Escape closes the panel; the summary opens the thread again, loaded from the server.
        await ben.Driver.Page.Keyboard.PressAsync("Escape");
        await Expect(ben.Driver.ThreadPanel()).ToHaveCountAsync(0);
        await ben.Driver.ThreadSummary("shall we ship friday").ClickAsync();
        await Expect(ben.Driver.ThreadMessages()).ToHaveCountAsync(3);
        _output.WriteLine($"screenshots: {await ana.Driver.ScreenshotAsync("thread-reply-desktop")}, {await ben.Driver.ScreenshotAsync("thread-reply-375px")}");
        BrowserPerson.AssertNoPageProblems(ana, ben);
    }

    /// <summary>
    /// Issue 17's screenshots: a conversation with formatted text (Markdown, rendered once the formatting work is in),
    /// reactions and an open thread, at 1280×800 and 375×812, each light and dark (prefers-color-scheme emulated).
    /// </summary>
    [SkippableFact]
    public async Task ScreenshotsOfAFormattedConversationWithAThreadOpenAtBothSizesInLightAndDark()
    {
        using var api = new ApiSetup(_fixture);
        var anaName = BrowserPerson.NewDisplayName("ana");
        var anaUsername = ChatPageDriver.NewUsername("ana");
        var ana = await api.RegisterAsync(anaUsername, anaName);
        var ben = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var channel = await api.CreateChannelAsync(ana, $"release-{Guid.NewGuid():N}"[..14], ben);
        await api.SendAsync(channel.Id, ben, "Morning! Release notes for **v2.1** are up — the `thread` API is *in*.");
        var root = await api.SendAsync(channel.Id, ana,
            "Before we ship, check:\n\n- the **migration** runs\n- `dotnet test` is green\n\n```csharp\nvar page = await messages.GetThreadAsync(id, root);\n```");
        await api.SendAsync(channel.Id, ben, "> the migration runs\n\nIt does, on both providers. ~~Mongo later~~");
        await api.ReactAsync(channel.Id, ben, root.Id, "👍");
        await api.ReactAsync(channel.Id, ana, root.Id, "🎉");
        await api.ReactAsync(channel.Id, ben, root.Id, "🎉");
        await api.ReplyInThreadAsync(channel.Id, ben, root.Id, "Migration ran on a copy of prod: **9 s**.");
        await api.ReplyInThreadAsync(channel.Id, ana, root.Id, "Great, `dotnet test` is green too. Shipping after lunch.");

        var saved = new List<string>();
        foreach (var (size, options) in new[] { ("desktop", BrowserPerson.Desktop), ("375px", BrowserPerson.Phone) })
        {
            await using var person = await BrowserPerson.OpenAsync(_browser, _fixture, anaUsername, anaName, options);
            var driver = person.Driver;
            await driver.SignInAsync();
            await driver.OpenConversationAsync(channel.Name!);
            await driver.ThreadSummary("Before we ship").ClickAsync();
            await Expect(driver.ThreadMessages()).ToHaveCountAsync(3);
            // No hover toolbar left over from the click in the picture.
            await driver.Page.Mouse.MoveAsync(1, 1);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await driver.Page.EmulateMediaAsync(new() { ColorScheme = scheme });
                await Expect(driver.ThreadPanel()).ToBeVisibleAsync();
                saved.Add(await driver.ScreenshotAsync($"issue17-thread-{size}-{scheme.ToString().ToLowerInvariant()}"));
            }

            BrowserPerson.AssertNoPageProblems(person);
        }

        Assert.All(saved, path => Assert.True(new FileInfo(path).Length > 0, path));
        _output.WriteLine($"screenshots: {string.Join(", ", saved)}");
    }
}
