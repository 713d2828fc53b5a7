using Microsoft.Playwright;

namespace NexusChat.Tests.EndToEnd;

/// <summary>The thread panel as a person uses it: open a message's thread, reply in it, read it.</summary>
public static class ThreadDriver
{
    public static ILocator ThreadPanel(this ChatPageDriver driver) => driver.Page.Locator("aside.thread-panel");

    /// <summary>The messages in the open thread: the root first, then the replies.</summary>
    public static ILocator ThreadMessages(this ChatPageDriver driver) => driver.ThreadPanel().Locator("article[data-seq]");

    /// <summary>The channel message whose text contains <paramref name="text"/> (whatever renders its text).</summary>
    public static ILocator ChannelMessage(this ChatPageDriver driver, string text) => driver.Messages.Filter(new() { HasTextString = text });

    public static ILocator ThreadSummary(this ChatPageDriver driver, string rootText) => driver.ChannelMessage(rootText).Locator(".thread-summary");

    /// <summary>"Reply in thread" on a channel message.</summary>
    public static async Task OpenThreadAsync(this ChatPageDriver driver, string rootText)
    {
        var message = driver.ChannelMessage(rootText);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Reply in thread", Exact = true }).ClickAsync();
        await Assertions.Expect(driver.ThreadPanel()).ToBeVisibleAsync();
    }

    public static async Task ReplyInThreadAsync(this ChatPageDriver driver, string text, bool alsoToChannel = false)
    {
        var panel = driver.ThreadPanel();
        if (alsoToChannel)
        {
            await panel.GetByLabel("Also send to channel").CheckAsync();
        }

        var composer = panel.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
    }
}
