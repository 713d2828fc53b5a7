using System.Text.Json;
using NexusChat.Conversations;
using NexusChat.Web.Client.Features.Emoji;

namespace NexusChat.Tests.WebClient;

/// <summary>The vendored emoji data: what the pickers offer is what the server takes as a reaction.</summary>
public sealed class EmojiDataTests
{
    private static readonly EmojiSet Set = EmojiCatalog.Read(
        JsonSerializer.Deserialize(File.ReadAllText(VendoredEmoji.FilePath), EmojiJsonContext.Default.EmojiFile)!);

    [Fact]
    public void EveryEmojiInTheDataPassesTheServersReactionRule()
    {
        var all = Set.Categories.SelectMany(c => c.Emojis).ToList();

        Assert.True(all.Count > 1800, $"only {all.Count} emoji");
        Assert.Empty(all.Where(e => !MessageRules.IsEmoji(e.Glyph)).Select(e => $"{e.Name} {e.Glyph}"));
    }

    [Theory]
    [InlineData("thumbs up", "👍")]
    [InlineData("tada", "🎉")]
    [InlineData("Pizza", "🍕")]
    [InlineData("heart", "❤️")]
    public void SearchFindsEmojiByNameAndKeywords(string query, string expected)
    {
        Assert.Contains(expected, Set.Search(query).Select(e => e.Glyph));
    }

    [Fact]
    public void SearchMatchesWordStartsOnly()
    {
        Assert.Empty(Set.Search("zzzqqq"));
        Assert.DoesNotContain("👍", Set.Search("humbs").Select(e => e.Glyph));
    }
}
