using System.Net.Http.Json;
using Microsoft.Playwright;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Browser;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// The keyboard in a real browser (Ctrl+K to a conversation, Up arrow to edit my last message, Escape to mark the
/// conversation read) and the dark theme following the system's colour scheme or the stored choice.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserKeyboardAndThemeTests : IClassFixture<BrowserFixture>
{
    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;

    public BrowserKeyboardAndThemeTests(HostModeAppFixture fixture, BrowserFixture browser)
    {
        (_fixture, _browser) = (fixture, browser);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task CtrlKOpensAConversationUpArrowEditsMyLastMessageAndEscapeMarksItRead()
    {
        using var api = new ApiSetup(_fixture);
        var anaAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var benAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await api.CreateChannelAsync(anaAccount, $"alpha-{suffix}", benAccount);
        var beta = await api.CreateChannelAsync(anaAccount, $"beta-{suffix}", benAccount);
        await using var person = await BrowserPerson.OpenAsync(
            _browser, _fixture, anaAccount.User.Username, anaAccount.User.DisplayName, BrowserPerson.Desktop);
        var ana = person.Driver;
        await ana.SignInAsync();
        await ana.OpenConversationAsync($"alpha-{suffix}");

        // Ctrl+K, type, Enter: the other channel opens.
        await ana.Page.Keyboard.PressAsync("Control+k");
        var switcher = ana.Page.GetByRole(AriaRole.Dialog, new() { Name = "Jump to" });
        await Expect(switcher).ToBeVisibleAsync();
        await Expect(switcher.GetByRole(AriaRole.Combobox)).ToBeFocusedAsync();
        await ana.Page.Keyboard.TypeAsync($"beta-{suffix[..3]}");
        await Expect(switcher.GetByRole(AriaRole.Option).First).ToContainTextAsync($"beta-{suffix}");
        await ana.Page.Keyboard.PressAsync("Enter");
        await Expect(switcher).ToHaveCountAsync(0);
        await Expect(ana.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = $"beta-{suffix}" })).ToBeVisibleAsync();
        await Expect(ana.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/c/{beta.Id}$"));

        // Up arrow in the empty composer edits my last message.
        await ana.SendAsync("teh plan");
        await ana.SendAsync("my last one");
        await Expect(ana.Message("my last one")).ToHaveAttributeAsync("data-state", "sent");
        var composer = ana.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.PressAsync("ArrowUp");
        var editor = ana.Page.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" });
        await Expect(editor).ToBeFocusedAsync();
        await Expect(editor).ToHaveValueAsync("my last one");
        await editor.FillAsync("my last one, edited");
        await editor.PressAsync("Enter");
        await Expect(ana.Message("my last one, edited")).ToBeVisibleAsync();

        // A tab that counts as hidden leaves new messages unread; Escape in the conversation marks them read.
        await ana.Page.EvaluateAsync("""
            () => {
                Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
                document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await api.SendAsync(beta.Id, benAccount, "news while away");
        await Expect(ana.UnreadBadge($"beta-{suffix}")).ToHaveTextAsync("1");
        await composer.FocusAsync();
        await ana.Page.Keyboard.PressAsync("Escape");
        await Expect(ana.UnreadBadge($"beta-{suffix}")).ToHaveCountAsync(0);
        await AssertReadOnTheServerAsync(anaAccount, beta.Id);
        BrowserPerson.AssertNoPageProblems(person);
    }

    [SkippableFact]
    public async Task APictureUploadedInTheProfileDialogShowsInTheHeaderAndOnMyMessagesAndRemovingItBringsInitialsBack()
    {
        using var api = new ApiSetup(_fixture);
        var account = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), "Ana Lima");
        var channel = await api.CreateChannelAsync(account, $"pics-{Guid.NewGuid():N}"[..11]);
        await api.SendAsync(channel.Id, account, "hello from me");
        await using var person = await BrowserPerson.OpenAsync(_browser, _fixture, account.User.Username, account.User.DisplayName, BrowserPerson.Desktop);
        var ana = person.Driver;
        await ana.SignInAsync();
        await ana.OpenConversationAsync(channel.Name!);
        var headerAvatar = ana.Page.Locator(".app-header .avatar");
        await Expect(headerAvatar).ToHaveTextAsync("AL");

        await ana.Page.GetByRole(AriaRole.Button, new() { Name = "Profile and theme: Ana Lima" }).ClickAsync();
        var profile = ana.Page.GetByRole(AriaRole.Dialog, new() { Name = "Profile" });
        await ana.Page.Locator("input[type=file][accept^='image/']").SetInputFilesAsync(
            new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPng.Gradient(300, 200) });

        await Expect(profile.GetByRole(AriaRole.Status)).ToHaveTextAsync("Picture updated.");
        await Expect(ana.Page.Locator(".app-header img.avatar")).ToBeVisibleAsync();
        await Expect(ana.Message("hello from me").Locator("img.avatar")).ToBeVisibleAsync();
        Assert.Equal(64, await profile.Locator("img.avatar").EvaluateAsync<int>("img => img.naturalWidth > 0 ? img.clientWidth : 0"));

        await profile.GetByRole(AriaRole.Button, new() { Name = "Remove picture" }).ClickAsync();
        await Expect(headerAvatar).ToHaveTextAsync("AL");
        await Expect(ana.Message("hello from me").Locator("span.avatar")).ToHaveTextAsync("AL");
        BrowserPerson.AssertNoPageProblems(person);
    }

    [SkippableFact]
    public async Task TheDarkThemeFollowsTheSystemAndAStoredChoiceWinsOverIt()
    {
        var light = await PageBackgroundAsync(ColorScheme.Light, stored: null);
        var dark = await PageBackgroundAsync(ColorScheme.Dark, stored: null);
        var chosenDark = await PageBackgroundAsync(ColorScheme.Light, stored: "dark");
        var chosenLight = await PageBackgroundAsync(ColorScheme.Dark, stored: "light");

        Assert.NotEqual(light, dark);
        Assert.Equal(dark, chosenDark);
        Assert.Equal(light, chosenLight);
    }

    /// <summary>The sign-in page's computed background, once Blazor rendered it, in a context with that colour scheme and stored theme.</summary>
    private async Task<string> PageBackgroundAsync(ColorScheme scheme, string? stored)
    {
        await using var session = await _browser.NewSessionAsync(_fixture.WebAddress, new BrowserNewContextOptions(BrowserPerson.Desktop) { ColorScheme = scheme });
        if (stored is not null)
        {
            await session.Context.AddInitScriptAsync($"localStorage.setItem('nexuschat.theme', '{stored}')");
        }

        await session.Page.GotoAsync("/", new() { Timeout = 60_000 });
        await session.Page.GetByLabel("Username").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Empty(session.Problems);
        return await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.auth-card')).backgroundColor + ' / ' + getComputedStyle(document.body).backgroundColor");
    }

    /// <summary>The badge clears at once; the read position reaches the server through the hub a moment later.</summary>
    private async Task AssertReadOnTheServerAsync(AuthResponse account, string conversationId)
    {
        using var client = new ApiClient(_fixture, "api-2");
        long unread = -1;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.SendAsync(HttpMethod.Get, "/api/conversations", null, account.AccessToken);
            var page = (await response.Content.ReadFromJsonAsync<Page<ConversationDto>>())!;
            unread = page.Items.Single(c => c.Id == conversationId).UnreadCount;
            return unread == 0;
        }, TimeSpan.FromSeconds(20), () => $"the server still counts {unread} unread");
    }
}
