using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// One person using NexusChat in a browser, driven through what they see: labels, roles and button names (the
/// markup contract in src/NexusChat.Web.Client), never component internals.
/// </summary>
public sealed class ChatPageDriver(BrowserSession session, string username, string displayName)
{
    public const string Password = "correct horse battery";

    public BrowserSession Session { get; } = session;

    public IPage Page => Session.Page;

    public string Username { get; } = username;

    public string DisplayName { get; } = displayName;

    public ILocator Conversations => Page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });

    public ILocator Messages => Page.GetByRole(AriaRole.Log, new() { Name = "Messages" }).Locator("article[data-seq]");

    public ILocator Banner => Page.GetByTestId("connection-banner");

    public static string NewUsername(string who) => $"{who}{Guid.NewGuid():N}"[..16];

    /// <summary>A new person (not yet registered) in a browser context of their own.</summary>
    public static async Task<ChatPageDriver> StartAsync(BrowserFixture browser, Uri webAddress, string who, BrowserNewContextOptions options)
    {
        var session = await browser.NewSessionAsync(webAddress, new BrowserNewContextOptions(options));
        return new ChatPageDriver(session, NewUsername(who), $"{char.ToUpperInvariant(who[0])}{who[1..]} {Guid.NewGuid():N}"[..12]);
    }

    /// <summary>Fails with every console error, page error and CSP violation any of <paramref name="people"/>'s pages had.</summary>
    public static void AssertNoPageProblems(params ChatPageDriver[] people)
    {
        var problems = people.SelectMany(p => p.Session.Problems.Select(problem => $"{p.DisplayName}: {problem}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public async Task RegisterAsync()
    {
        await OpenAppAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Page.GetByLabel("Username").FillAsync(Username);
        await Page.GetByLabel("Display name").FillAsync(DisplayName);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public async Task SignInAsync()
    {
        await OpenAppAsync();
        await Page.GetByLabel("Username").FillAsync(Username);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public async Task CreateChannelAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New channel" }).ClickAsync();
        await Page.GetByLabel("Channel name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await ExpectHeadingAsync(name);
    }

    public async Task AddPersonAsync(ChatPageDriver person)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add people" }).ClickAsync();
        await PickPersonAsync(person);
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Add people" });
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync(person.DisplayName);
        // As a keyboard user closes it; focus may have fallen out of the dialog with the now disabled button.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
    }

    public async Task StartDirectMessageAsync(ChatPageDriver person)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New direct message" }).ClickAsync();
        await PickPersonAsync(person);
        await ExpectHeadingAsync(person.DisplayName);
    }

    public ILocator ConversationLink(string name) => Conversations.GetByRole(AriaRole.Link, new() { Name = name });

    /// <summary>On a narrow screen the conversation list is a panel behind the ☰ button; opens it when it is closed.</summary>
    public async Task ShowConversationsAsync()
    {
        var toggle = Page.Locator("button.sidebar-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }
    }

    public ILocator UnreadBadge(string name) => ConversationLink(name).GetByTestId("unread-badge");

    public async Task OpenConversationAsync(string name)
    {
        await ShowConversationsAsync();
        await ConversationLink(name).ClickAsync();
        await ExpectHeadingAsync(name);
    }

    public async Task SendAsync(string text)
    {
        var composer = Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
    }

    public ILocator Message(string text) => Messages.Filter(new() { Has = Page.Locator(".message-text", new() { HasTextString = text }) });

    /// <summary>The texts of the messages shown, top to bottom.</summary>
    public async Task<IReadOnlyList<string>> MessageTextsAsync() => await Messages.Locator(".message-text").AllInnerTextsAsync();

    public async Task ReactAsync(string messageText, string emoji)
    {
        var message = Message(messageText);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "React", Exact = true }).ClickAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = emoji, Exact = true }).ClickAsync();
    }

    public async Task EditAsync(string messageText, string newText)
    {
        var message = Message(messageText);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        var editor = Page.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" });
        await editor.FillAsync(newText);
        await editor.PressAsync("Enter");
    }

    /// <summary>Attaches files through the composer's file input, as the attach button's file picker would.</summary>
    public Task AttachAsync(params FilePayload[] files) => Page.GetByLabel("Files to attach").SetInputFilesAsync(files);

    /// <summary>The composer's row for an attached file: its progress bar, state and buttons.</summary>
    public ILocator Upload(string fileName) => Page.Locator(".upload", new() { Has = Page.Locator(".upload-name", new() { HasTextString = fileName }) });

    /// <summary>A file shown on the message with <paramref name="messageText"/>: an image or a file card.</summary>
    public ILocator Attachment(string messageText, string fileName) =>
        Message(messageText).Locator($".attachment[data-file-name=\"{fileName}\"]");

    public Task<string> ScreenshotAsync(string name) => Session.SaveScreenshotAsync(name);

    private async Task OpenAppAsync()
    {
        await Page.GotoAsync("/", new() { Timeout = 60_000 });
        // The first load fetches the .NET runtime; a busy machine needs time.
        await Page.GetByLabel("Username").WaitForAsync(new() { Timeout = 60_000 });
    }

    private async Task PickPersonAsync(ChatPageDriver person)
    {
        await Page.GetByLabel("Search people").FillAsync(person.Username);
        await Page.GetByRole(AriaRole.Button, new() { Name = person.DisplayName, Exact = true }).ClickAsync();
    }

    private Task ExpectHeadingAsync(string name) =>
        Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
}
