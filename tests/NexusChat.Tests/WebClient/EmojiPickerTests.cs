using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Web.Client.Features.Emoji;

namespace NexusChat.Tests.WebClient;

public sealed class EmojiPickerTests : WebClientContext
{
    private readonly List<string> _picked = [];
    private int _closed;

    // Loaded before the picker renders, so no render from the load races the test's clicks.
    private async Task<IRenderedComponent<EmojiPicker>> RenderPickerAsync()
    {
        await Services.GetRequiredService<EmojiCatalog>().LoadAsync();
        var picker = Render<EmojiPicker>(p => p
            .Add(c => c.OnPick, EventCallback.Factory.Create<string>(this, _picked.Add))
            .Add(c => c.OnClose, EventCallback.Factory.Create(this, () => _closed++)));
        picker.WaitForAssertion(() => Assert.NotEmpty(picker.FindAll(".emoji-grid .emoji-button")));
        return picker;
    }

    [Fact]
    public async Task CategoriesAreTabsNamedForPeopleAndEachEmojiIsNamed()
    {
        var picker = await RenderPickerAsync();

        var tabs = picker.FindAll("[role=tab]").Select(t => t.GetAttribute("aria-label")).ToList();
        Assert.Equal(["Smileys & People", "Animals & Nature", "Food & Drink", "Activity", "Travel & Places", "Objects", "Symbols", "Flags"], tabs);
        Assert.Equal("Grinning Face", picker.Find(".emoji-grid .emoji-button").GetAttribute("aria-label"));

        picker.FindAll("[role=tab]")[2].Click();
        Assert.Equal("Food & Drink", picker.Find(".emoji-grid").GetAttribute("aria-label"));
        Assert.Contains(picker.FindAll(".emoji-grid .emoji-button"), b => b.GetAttribute("aria-label") == "Pizza");
    }

    [Fact]
    public async Task SearchingByKeywordShowsMatchesAndEnterPicksTheFirst()
    {
        var picker = await RenderPickerAsync();

        picker.Find("input[type=search]").Input("thumbs up");
        picker.WaitForAssertion(() => Assert.Equal("Search results", picker.Find(".emoji-grid").GetAttribute("aria-label")));
        Assert.Equal("Thumbs Up", picker.Find(".emoji-grid .emoji-button").GetAttribute("aria-label"));
        Assert.Empty(picker.FindAll("[role=tab]"));

        picker.Find("input[type=search]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(["👍"], _picked);
    }

    [Fact]
    public async Task ArrowsMoveTheOneTabStopThroughTheGridAndEscapeCloses()
    {
        var picker = await RenderPickerAsync();

        picker.FindAll(".emoji-grid .emoji-button")[0].KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        picker.FindAll(".emoji-grid .emoji-button")[1].KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        picker.WaitForAssertion(() => Assert.Equal([9], picker.FindAll(".emoji-grid .emoji-button")
            .Select((button, index) => (button, index)).Where(x => x.button.GetAttribute("tabindex") == "0").Select(x => x.index)));

        picker.Find(".emoji-picker").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Equal(1, _closed);
    }

    [Fact]
    public async Task RecentlyUsedEmojiComeFirstInTheQuickRowAndThePicker()
    {
        await Services.GetRequiredService<RecentEmoji>().UseAsync("🍕");
        await Services.GetRequiredService<EmojiCatalog>().LoadAsync();
        var row = Render<ReactionPicker>(p => p.Add(c => c.OnPick, EventCallback.Factory.Create<string>(this, _picked.Add)));

        Assert.Equal("🍕", row.Find(".emoji-quick .emoji-button").TextContent);
        row.Find(".emoji-quick .emoji-button").Click();
        Assert.Equal(["🍕"], _picked);

        row.Find("button.emoji-more").Click();
        row.WaitForAssertion(() => Assert.Equal("Recently used", row.Find("[role=tab]").GetAttribute("aria-label")));
        Assert.Equal("Pizza", row.Find(".emoji-grid .emoji-button").GetAttribute("aria-label"));
    }
}
