using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;
using Markdig.Syntax;

namespace NexusChat.Web.Client.Features.Formatting;

/// <summary>
/// The Markdown messages are written in: CommonMark with strikethrough (<c>~~x~~</c>) and bare links, raw HTML not
/// parsed (it stays text), no setext headings (a line of dashes under text is a divider people type, not a title).
/// Only the syntax tree is used: <see cref="MarkdownTreeWriter"/> renders it element by element, so no markup from a
/// message ever reaches the page.
/// </summary>
public static class MessageMarkdown
{
    private static readonly MarkdownPipeline Pipeline = Build();

    public static MarkdownDocument Parse(string text) => Markdown.Parse(text, Pipeline);

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .UseAutoLinks(new AutoLinkOptions { UseHttpsForWWWLinks = true })
            .DisableHtml();
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        return builder.Build();
    }
}
