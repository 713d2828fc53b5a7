using AngleSharp.Dom;
using Bunit;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

/// <summary>Message text as Markdown: what renders, and that nothing a message says becomes markup of its own.</summary>
public sealed class MessageTextTests : WebClientContext
{
    // Everything the Markdown writer may produce; the copy button is the only button (checked separately).
    private static readonly HashSet<string> AllowedElements =
        ["DIV", "P", "STRONG", "EM", "DEL", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "A", "BR", "HR", "SPAN", "BUTTON"];

    public static TheoryData<string> XssVectors => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "\"><img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<div onclick=\"alert(1)\">click</div>\n\nafter",
        "<details open ontoggle=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<style>body{display:none}</style>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](java%0ascript:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click]( javascript:alert(1) )",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "[click](file:///etc/passwd)",
        "[click](//evil.example/x)",
        "![pic](javascript:alert(1))",
        "![pic](https://evil.example/tracker.png)",
        "[outer [inner](javascript:alert(1))](https://ok.example/)",
        "[[nested](https://ok.example/a)](javascript:alert(1))",
        "[title](https://ok.example/ \"a\\\" onmouseover=\\\"alert(1)\")",
        "[quote](https://ok.example/\"onmouseover=\"alert(1))",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "javascript:alert(1) and data:text/html,x",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "`<script>alert(1)</script>` and\n```html\n<img src=x onerror=alert(1)>\n```",
        "**<img src=x onerror=alert(1)>** _<svg onload=alert(1)>_",
        "> <iframe srcdoc=\"<script>alert(1)</script>\">",
        "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
    };

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void NoMessageBecomesMarkupOfItsOwn(string text)
    {
        var element = RenderText(text).Find(".message-text");

        foreach (var node in element.QuerySelectorAll("*"))
        {
            Assert.Contains(node.TagName, AllowedElements);
            Assert.DoesNotContain(node.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(node.Attributes, a => a.Name is "src" or "srcdoc" or "style" or "action" or "formaction" or "xlink:href");
            if (node.TagName == "BUTTON")
            {
                Assert.Equal("code-copy", node.ClassName);
            }

            if (node.GetAttribute("href") is { } href)
            {
                Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri), href);
                Assert.Contains(uri.Scheme, new[] { "http", "https", "mailto" });
            }
        }
    }

    [Fact]
    public void RawHtmlShowsAsItsText()
    {
        var element = RenderText("<b onclick=\"x()\">bold</b> &amp; <script>alert(1)</script>").Find(".message-text");

        Assert.Equal("<b onclick=\"x()\">bold</b> & <script>alert(1)</script>", element.TextContent);
        Assert.Empty(element.QuerySelectorAll("b, script"));
    }

    [Fact]
    public void InlineFormattingRendersAsItsElements()
    {
        var element = RenderText("**bold** *italic* _also_ ~~gone~~ `a < b`").Find(".message-text p");

        Assert.Equal("bold", element.QuerySelector("strong")!.TextContent);
        Assert.Equal(["italic", "also"], element.QuerySelectorAll("em").Select(e => e.TextContent));
        Assert.Equal("gone", element.QuerySelector("del")!.TextContent);
        Assert.Equal("a < b", element.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public void AFencedCodeBlockIsPreformattedWithACopyButton()
    {
        var rendered = RenderText("look:\n```cs\nvar x = 1;\n    if (x < 2) { }\n```");

        Assert.Equal("var x = 1;\n    if (x < 2) { }", rendered.Find(".code-block pre > code").TextContent);
        Assert.Equal("Copy", rendered.Find(".code-block button.code-copy").TextContent);
    }

    [Fact]
    public void QuotesAndNestedListsKeepTheirStructure()
    {
        var element = RenderText("> quoted *words*\n\n- one\n- two\n  1. first\n  2. second\n\n3. three\n4. four").Find(".message-text");

        Assert.Equal("quoted words", element.QuerySelector("blockquote")!.TextContent.Trim());
        Assert.Equal(2, element.QuerySelectorAll("ul > li").Length);
        Assert.Equal(["first", "second"], element.QuerySelectorAll("ul > li ol > li").Select(li => li.TextContent.Trim()));
        Assert.Equal("3", element.QuerySelector(".message-text > ol")!.GetAttribute("start"));
    }

    [Theory]
    [InlineData("[the guide](https://example.org/guide)", "https://example.org/guide", "the guide")]
    [InlineData("docs at https://example.org/guide. today", "https://example.org/guide", "https://example.org/guide")]
    [InlineData("see www.example.org", "https://www.example.org/", "www.example.org")]
    [InlineData("<https://example.org/a?b=1>", "https://example.org/a?b=1", "https://example.org/a?b=1")]
    [InlineData("[mail me](mailto:ana@example.org)", "mailto:ana@example.org", "mail me")]
    [InlineData("![a diagram](https://example.org/d.png)", "https://example.org/d.png", "a diagram")]
    public void LinksOpenInANewTabWithoutOpenerReferrerOrEndorsement(string text, string href, string linkText)
    {
        var rendered = RenderText(text);

        var link = rendered.Find("a");
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal(linkText, link.TextContent);
        Assert.Empty(rendered.FindAll("img"));
    }

    [Fact]
    public void OtherSchemesKeepTheirTextAndLoseTheTarget()
    {
        var rendered = RenderText("[click](javascript:alert(1)) ftp://example.org/file");

        Assert.Empty(rendered.FindAll("a"));
        Assert.Equal("click ftp://example.org/file", rendered.Find(".message-text").TextContent);
    }

    [Fact]
    public void EachTypedLineStaysALine()
    {
        var paragraph = RenderText("first line\nsecond line").Find(".message-text p");

        Assert.Single(paragraph.QuerySelectorAll("br"));
        Assert.Equal("first linesecond line", paragraph.TextContent);
    }

    [Fact]
    public void HeadingsAreBoldParagraphs()
    {
        var rendered = RenderText("# Release notes\nsome text\n---");

        Assert.Equal("Release notes", rendered.Find("p.heading > strong").TextContent);
        Assert.Empty(rendered.FindAll("h1, h2"));
    }

    [Fact]
    public void MentionsAreMarkedOutsideCodeAndTheReadersOwnMoreStrongly()
    {
        var rendered = RenderText("@ana and @Bob_1 and mail bo@example.org `@ana` and\n```\n@bob_1\n```", reader: "bob_1");

        var mentions = rendered.FindAll(".mention");
        Assert.Equal(["@ana", "@Bob_1"], mentions.Select(m => m.TextContent));
        Assert.Equal(["mention", "mention mine"], mentions.Select(m => m.ClassName));
        Assert.Empty(rendered.FindAll("code .mention"));
    }

    private IRenderedComponent<MessageText> RenderText(string text, string? reader = null) =>
        Render<MessageText>(p =>
        {
            p.Add(m => m.Text, text);
            if (reader is not null)
            {
                p.AddCascadingValue(MessageText.ReaderUsername, reader);
            }
        });
}
