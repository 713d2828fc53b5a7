using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.WebClient;
using SkiaSharp;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Markdown and emoji in real browsers: a formatted message reaches the other person formatted, no hostile message
/// injects anything, and a reaction shows as a colour emoji from the bundled font (headless Chromium has none).
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserFormattingTests : IClassFixture<BrowserFixture>
{
    // Each would set the canary if any of it ran as script; the component test's table covers the rest.
    private static readonly string[] CanaryVectors =
    [
        "<img src=x onerror=\"window.__xss=1\">",
        "<svg onload=\"window.__xss=1\"></svg>",
        "[canary](javascript:window.__xss=1)",
        "<javascript:window.__xss=1>",
        "[canary](&#106;avascript&#58;window.__xss=1)",
        "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    ];

    private const string Formatted = "**bold words** and `inline code`\n```\nlet block = 1;\n```";

    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserFormattingTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task FormattedMessagesRenderForTheOtherPersonNoVectorInjectsAndReactionsShowColourEmoji()
    {
        using var api = new ApiSetup(_fixture);
        var anaAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var benAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var name = $"fmt-{Guid.NewGuid():N}"[..12];
        var channel = await api.CreateChannelAsync(anaAccount, name, benAccount);
        await using var ana = await BrowserPerson.OpenAsync(_browser, _fixture, anaAccount.User.Username, anaAccount.User.DisplayName, BrowserPerson.Desktop);
        await using var ben = await BrowserPerson.OpenAsync(_browser, _fixture, benAccount.User.Username, benAccount.User.DisplayName, BrowserPerson.Desktop);
        var dialogs = 0;
        foreach (var page in new[] { ana.Driver.Page, ben.Driver.Page })
        {
            page.Dialog += async (_, dialog) =>
            {
                Interlocked.Increment(ref dialogs);
                await dialog.DismissAsync();
            };
        }

        await ana.Driver.SignInAsync();
        await ben.Driver.SignInAsync();
        await ben.Driver.OpenConversationAsync(name);
        string[] vectors = [.. ((IEnumerable<object[]>)MessageTextTests.XssVectors).Select(row => (string)row[0]), .. CanaryVectors];
        foreach (var vector in vectors)
        {
            await api.SendAsync(channel.Id, anaAccount, vector);
        }

        await ana.Driver.OpenConversationAsync(name);
        await ana.Driver.SendAsync(Formatted);

        var formatted = ben.Driver.Message("bold words");
        await Expect(formatted.Locator(".message-text strong")).ToHaveTextAsync("bold words");
        await Expect(formatted.Locator(".message-text p code")).ToHaveTextAsync("inline code");
        await Expect(formatted.Locator(".message-text pre code")).ToHaveTextAsync("let block = 1;");
        await Expect(ben.Driver.Messages).ToHaveCountAsync(vectors.Length + 1);
        Assert.Empty(await InjectedAsync(ben.Driver.Page));
        Assert.Empty(await InjectedAsync(ana.Driver.Page));

        await ben.Driver.ReactAsync("bold words", "👍");
        var chip = ana.Driver.Message("bold words").Locator(".reaction-chip");
        await Expect(chip).ToContainTextAsync("1");
        await ana.Driver.Page.WaitForFunctionAsync("""
            () => [...document.fonts].some(f => f.family.includes('Twemoji') && f.status === 'loaded')
                && document.fonts.check('16px "Twemoji"', '👍')
            """);
        var glyph = chip.Locator(".emoji-glyph");
        Assert.True(await glyph.EvaluateAsync<double>("e => e.getBoundingClientRect().width") > 0);
        var path = Path.Combine(TestArtifacts.ScreenshotsDirectory, "reaction-chips.png");
        await chip.ScreenshotAsync(new() { Path = path });
        var glyphPixels = ColouredPixels(await glyph.ScreenshotAsync());
        _output.WriteLine($"reaction chips: {path}; {glyphPixels} coloured pixels in the glyph");
        Assert.True(glyphPixels > 20, $"the reaction glyph has {glyphPixels} coloured pixels: no colour emoji");

        foreach (var page in new[] { ana.Driver.Page, ben.Driver.Page })
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a vector ran script");
        }

        Assert.Equal(0, dialogs);
        await ben.Driver.ScreenshotAsync("formatted-and-hostile-messages");
        BrowserPerson.AssertNoPageProblems(ana, ben);
    }

    /// <summary>Elements, event handler attributes and link targets in messages that the Markdown writer never makes.</summary>
    private static async Task<IReadOnlyList<string>> InjectedAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
            const allowed = new Set(['P', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A', 'BR', 'HR', 'SPAN', 'DIV', 'BUTTON']);
            const found = [];
            for (const element of document.querySelectorAll('.message-text *')) {
                if (!allowed.has(element.tagName) || (element.tagName === 'BUTTON' && !element.classList.contains('code-copy'))) {
                    found.push(element.outerHTML.slice(0, 80));
                }
                for (const attribute of element.attributes) {
                    if (attribute.name.startsWith('on') || ['src', 'srcdoc', 'style', 'action', 'formaction'].includes(attribute.name)) {
                        found.push(`${element.tagName} ${attribute.name}`);
                    }
                }
                const href = element.getAttribute('href');
                if (href !== null && !/^(https?:|mailto:)/.test(href)) {
                    found.push(`href ${href}`);
                }
            }
            return found;
        }
        """);

    // Pixels far from grey: a colour emoji has many, a missing-glyph box or a black-and-white glyph none.
    private static int ColouredPixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80 ? 1 : 0;
            }
        }

        return count;
    }
}
