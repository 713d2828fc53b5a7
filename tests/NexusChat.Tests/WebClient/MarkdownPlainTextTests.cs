using NexusChat.Web.Client.Features.Formatting;

namespace NexusChat.Tests.WebClient;

public sealed class MarkdownPlainTextTests
{
    [Theory]
    [InlineData("**bold** and `code` with [a link](https://example.org)", "bold and code with a link")]
    [InlineData("> quoted\n\n- one\n- two", "quoted one two")]
    [InlineData("first\nsecond", "first second")]
    [InlineData("```\nvar x = 1;\n```", "var x = 1;")]
    [InlineData("<b>raw</b> &amp; 1 < 2", "<b>raw</b> & 1 < 2")]
    public void AnExcerptIsTheTextWithoutItsMarkdown(string text, string plain)
    {
        Assert.Equal(plain, MarkdownPlainText.Of(text));
    }
}
