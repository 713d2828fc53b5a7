using NexusChat.Conversations;
using NexusChat.Web.Client.Features.Emoji;

namespace NexusChat.Tests.Conversations;

/// <summary>What the server takes as a reaction: one emoji, however it is built, and nothing else.</summary>
public sealed class ReactionEmojiTests
{
    [Theory]
    [InlineData("👍", "a pictograph")]
    [InlineData("❤️", "a text-default pictograph with its emoji variation selector")]
    [InlineData("❤", "the same without it")]
    [InlineData("⚡", "a pictograph from the BMP")]
    [InlineData("👍🏽", "a skin tone")]
    [InlineData("👩‍💻", "a ZWJ sequence")]
    [InlineData("🧑🏿‍🤝‍🧑🏻", "a ZWJ sequence with skin tones")]
    [InlineData("👨‍👩‍👧‍👦", "a family")]
    [InlineData("🏳️‍🌈", "a flag ZWJ sequence")]
    [InlineData("🏳️‍⚧️", "a ZWJ sequence ending with a variation selector")]
    [InlineData("🇺🇦", "a regional-indicator flag")]
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿", "a subdivision flag (tag sequence)")]
    [InlineData("1️⃣", "a keycap")]
    [InlineData("#⃣", "a keycap without the variation selector")]
    [InlineData("\U0001FAE8", "a recent emoji (Unicode 15)")]
    public void AcceptsOneEmoji(string emoji, string why) => Assert.True(MessageRules.IsEmoji(emoji), why);

    [Theory]
    [InlineData("", "nothing")]
    [InlineData("a", "a letter")]
    [InlineData("é", "an accented letter")]
    [InlineData("字", "a CJK ideograph")]
    [InlineData("7", "a digit")]
    [InlineData("+1", "text")]
    [InlineData("!", "punctuation")]
    [InlineData("<", "markup")]
    [InlineData("§", "a non-emoji symbol")]
    [InlineData("→", "an arrow that is no emoji")]
    [InlineData("\u200B", "a zero-width space")]
    [InlineData("\u200D", "a lone joiner")]
    [InlineData("\u202E", "a bidi override")]
    [InlineData("\uFE0F", "a lone variation selector")]
    [InlineData("\u0007", "a control character")]
    [InlineData(" ", "a space")]
    [InlineData("\uD83D", "an unpaired surrogate")]
    [InlineData("👍👍", "two emoji")]
    [InlineData("👍 ", "an emoji and a space")]
    [InlineData("👍\u0301", "an emoji with a combining accent")]
    [InlineData("👍\u200D", "an emoji with a trailing joiner")]
    [InlineData("❤︎", "a text-presentation selector")]
    [InlineData("🇺", "half a flag")]
    [InlineData("🇺🇦🇺", "a flag and a half")]
    [InlineData("🏽", "a skin tone alone")]
    [InlineData("a⃣", "a keycap on a letter")]
    [InlineData("🏴󠁧󠁢", "a tag sequence without its cancel tag")]
    public void RejectsAnythingElse(string text, string why) => Assert.False(MessageRules.IsEmoji(text), why);

    [Fact]
    public void RejectsAZwjChainLongerThanTheLimit() =>
        Assert.False(MessageRules.IsEmoji(string.Join("\u200D", Enumerable.Repeat("👍", 12))));

    [Fact]
    public void TheWebClientsQuickReactionsAreAccepted() =>
        Assert.All(RecentEmoji.Defaults, emoji => Assert.True(MessageRules.IsEmoji(emoji), emoji));
}
