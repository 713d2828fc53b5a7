using Bunit;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class MessageTextTests : WebClientContext
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("&lt;b&gt; &amp; <b onclick=\"x()\">bold</b>")]
    public void MarkupInMessagesShowsAsLiteralText(string text)
    {
        var rendered = Render<MessageText>(p => p.Add(m => m.Text, text));

        var element = rendered.Find(".message-text");
        Assert.Equal(text, element.TextContent);
        Assert.Empty(element.Children);
    }

    [Fact]
    public void LinksOpenInANewTabWithoutOpenerOrReferrer()
    {
        var rendered = Render<MessageText>(p => p.Add(m => m.Text, "docs at https://example.org/guide today"));

        var link = rendered.Find("a");
        Assert.Equal("https://example.org/guide", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal("https://example.org/guide", link.TextContent);
        Assert.Equal("docs at https://example.org/guide today", rendered.Find(".message-text").TextContent);
    }

    [Fact]
    public void JavascriptUrlsAreNotLinked()
    {
        var rendered = Render<MessageText>(p => p.Add(m => m.Text, "click javascript:alert(document.cookie)"));

        Assert.Empty(rendered.FindAll("a"));
    }
}
