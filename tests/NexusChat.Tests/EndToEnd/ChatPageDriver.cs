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

    public Task AddPersonAsync(ChatPageDriver person) => AddPersonAsync(person.Username, person.DisplayName);

    /// <summary>Adds someone who need not have a browser open.</summary>
    public async Task AddPersonAsync(string username, string displayName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add people" }).ClickAsync();
        await PickPersonAsync(username, displayName);
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Add people" });
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync(displayName);
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

    private Task PickPersonAsync(ChatPageDriver person) => PickPersonAsync(person.Username, person.DisplayName);

    private async Task PickPersonAsync(string username, string displayName)
    {
        await Page.GetByLabel("Search people").FillAsync(username);
        await Page.GetByRole(AriaRole.Button, new() { Name = displayName, Exact = true }).ClickAsync();
    }

    public Task ExpectHeadingAsync(string name) =>
        Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();

    // History, replies, deletes, the member panel and failed sends (BrowserHistoryTests, BrowserConversationTests).

    public ILocator MessageLog => Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    /// <summary>
    /// Every message shown: stored ones (<see cref="Messages"/>) and this page's sends still pending or failed, which
    /// have no seq yet. A send shown twice (its unsent copy left next to the stored one) shows here.
    /// </summary>
    public ILocator AllMessages => MessageLog.Locator("article");

    /// <summary><see cref="Message"/> among <see cref="AllMessages"/>.</summary>
    public ILocator AnyMessage(string text) => AllMessages.Filter(new() { Has = Page.Locator(".message-text", new() { HasTextString = text }) });

    /// <summary>The texts of <see cref="AllMessages"/>, top to bottom.</summary>
    public async Task<IReadOnlyList<string>> AllMessageTextsAsync() => await AllMessages.Locator(".message-text").AllInnerTextsAsync();

    /// <summary>Messages shown as deleted (the placeholder that takes a deleted message's place).</summary>
    public ILocator DeletedMessages => Messages.Filter(new() { Has = Page.Locator(".message-body.deleted") });

    /// <summary>The quote of its parent a reply shows; a button that jumps to the parent.</summary>
    public ILocator ReplyQuote(string replyText) => Message(replyText).Locator(".reply-quote");

    public ILocator RetryButton(string messageText) => AnyMessage(messageText).GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true });

    public ILocator MembersPanel => Page.GetByRole(AriaRole.Complementary, new() { Name = "Members" });

    public ILocator MemberNames => MembersPanel.Locator(".member-name");

    /// <summary>Scrolls the log to its top, a page of older messages at a time, until it shows the beginning.</summary>
    /// <returns>How many times the top was reached and more messages loaded.</returns>
    public async Task<int> ScrollToBeginningAsync(int maxPages)
    {
        var beginning = MessageLog.GetByText("This is the beginning of the conversation.");
        var pages = 0;
        for (; pages < maxPages && !await beginning.IsVisibleAsync(); pages++)
        {
            var shown = await Messages.CountAsync();
            await MessageLog.EvaluateAsync("log => { log.scrollTop = 0; }");
            await Expect(Messages).Not.ToHaveCountAsync(shown);
        }

        await Expect(beginning).ToBeVisibleAsync();
        return pages;
    }

    /// <summary>The seq of every message shown, top to bottom (empty for one still being sent).</summary>
    public async Task<IReadOnlyList<string>> MessageSeqsAsync() => await Messages.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.seq)");

    /// <summary>Each of <see cref="AllMessages"/>, top to bottom: its text, or "(deleted)" for a deleted one.</summary>
    public async Task<IReadOnlyList<string>> TimelineAsync() => await AllMessages.EvaluateAllAsync<string[]>(
        "rows => rows.map(r => r.querySelector('.message-body.deleted') ? '(deleted)' : r.querySelector('.message-text').innerText)");

    public async Task ReplyAsync(string parentText, string text)
    {
        await ActOnAsync(parentText, "Reply");
        await SendAsync(text);
    }

    public Task DeleteAsync(string messageText) => ActOnAsync(messageText, "Delete");

    private async Task ActOnAsync(string messageText, string action)
    {
        var message = Message(messageText);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
    }
}
