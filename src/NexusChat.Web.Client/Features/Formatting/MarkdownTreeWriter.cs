using System.Text;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace NexusChat.Web.Client.Features.Formatting;

/// <summary>
/// Writes a message's Markdown syntax tree to Blazor's render tree, element by element from a fixed set (p, strong,
/// em, del, code, pre, blockquote, ul, ol, li, a, br, hr, span), with text always as text nodes: nothing in a message
/// becomes markup, an attribute or an event handler. Links keep only <see cref="SafeLinks"/> targets; images become
/// links (nothing is loaded from elsewhere); headings become bold paragraphs (a chat message has no document outline).
/// </summary>
public sealed class MarkdownTreeWriter(RenderTreeBuilder builder, string? readerUsername)
{
    // Sequence numbers are per element kind: the tree is rebuilt from data, so they only need to be stable.
    private const int Element = 0, Attribute = 1, Text = 2, Component = 3;

    public static RenderFragment Render(MarkdownDocument document, string? readerUsername) =>
        builder => new MarkdownTreeWriter(builder, readerUsername).WriteBlocks(document);

    private void WriteBlocks(ContainerBlock container)
    {
        foreach (var block in container)
        {
            WriteBlock(block);
        }
    }

    private void WriteBlock(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                Open("p", "heading");
                Open("strong");
                WriteInlines(heading.Inline, inLink: false);
                Close();
                Close();
                break;
            case CodeBlock code:
                builder.OpenComponent<CodeBlockView>(Component);
                builder.AddComponentParameter(Attribute, nameof(CodeBlockView.Code), code.Lines.ToString());
                builder.CloseComponent();
                break;
            case ParagraphBlock paragraph:
                Open("p");
                WriteInlines(paragraph.Inline, inLink: false);
                Close();
                break;
            case ThematicBreakBlock:
                Open("hr");
                Close();
                break;
            case QuoteBlock quote:
                Open("blockquote");
                WriteBlocks(quote);
                Close();
                break;
            case ListBlock list:
                Open(list.IsOrdered ? "ol" : "ul");
                if (list.IsOrdered && int.TryParse(list.OrderedStart, out var start) && start != 1)
                {
                    builder.AddAttribute(Attribute, "start", start);
                }

                WriteBlocks(list);
                Close();
                break;
            case ListItemBlock item:
                Open("li");
                WriteBlocks(item);
                Close();
                break;
            case LinkReferenceDefinitionGroup:
                // Definitions are not shown; the links that use them are checked like any other.
                break;
            case LeafBlock leaf:
                // Anything else (raw HTML blocks, should the pipeline ever parse them) is its source as text.
                Open("p");
                builder.AddContent(Text, leaf.Lines.ToString());
                Close();
                break;
            case ContainerBlock other:
                WriteBlocks(other);
                break;
        }
    }

    private void WriteInlines(ContainerInline? container, bool inLink)
    {
        var prose = new StringBuilder();
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            // Adjacent literals are one run of prose, so a mention split by an unmatched delimiter is still found.
            if (inline is LiteralInline literal)
            {
                prose.Append(literal.Content.AsSpan());
                continue;
            }

            if (inline is HtmlEntityInline entity)
            {
                prose.Append(entity.Transcoded.AsSpan());
                continue;
            }

            WriteProse(prose, inLink);
            WriteInline(inline, inLink);
        }

        WriteProse(prose, inLink);
    }

    private void WriteInline(Inline inline, bool inLink)
    {
        switch (inline)
        {
            case CodeInline code:
                Open("code");
                builder.AddContent(Text, code.Content);
                Close();
                break;
            case LineBreakInline:
                // Soft breaks too: a chat message keeps its lines as typed.
                Open("br");
                Close();
                break;
            case EmphasisInline emphasis:
                Open(emphasis.DelimiterChar == '~' ? "del" : emphasis.DelimiterCount >= 2 ? "strong" : "em");
                WriteInlines(emphasis, inLink);
                Close();
                break;
            case LinkInline link:
                WriteLink(link, inLink);
                break;
            case AutolinkInline autolink:
                WriteAnchor(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, autolink.Url, inLink);
                break;
            case HtmlInline html:
                builder.AddContent(Text, html.Tag);
                break;
            case ContainerInline container:
                WriteInlines(container, inLink);
                break;
            default:
                builder.AddContent(Text, inline.ToString());
                break;
        }
    }

    private void WriteLink(LinkInline link, bool inLink)
    {
        var href = inLink ? null : SafeLinks.Href(link.Url);
        if (href is null)
        {
            // The text stays, the target goes.
            WriteInlines(link, inLink);
            return;
        }

        OpenAnchor(href);
        if (link.IsImage && link.FirstChild is null)
        {
            builder.AddContent(Text, href);
        }
        else
        {
            WriteInlines(link, inLink: true);
        }

        Close();
    }

    private void WriteAnchor(string url, string text, bool inLink)
    {
        var href = inLink ? null : SafeLinks.Href(url);
        if (href is null)
        {
            builder.AddContent(Text, text);
            return;
        }

        OpenAnchor(href);
        builder.AddContent(Text, text);
        Close();
    }

    private void OpenAnchor(string href)
    {
        Open("a");
        builder.AddAttribute(Attribute, "href", href);
        builder.AddAttribute(Attribute, "target", "_blank");
        builder.AddAttribute(Attribute, "rel", "noopener noreferrer nofollow");
    }

    private void WriteProse(StringBuilder prose, bool inLink)
    {
        if (prose.Length == 0)
        {
            return;
        }

        var text = prose.ToString();
        prose.Clear();
        if (inLink)
        {
            builder.AddContent(Text, text);
            return;
        }

        foreach (var span in MentionSpans.Split(text, readerUsername))
        {
            if (!span.IsMention)
            {
                builder.AddContent(Text, span.Text);
                continue;
            }

            Open("span", span.IsReader ? "mention mine" : "mention");
            builder.AddContent(Text, span.Text);
            Close();
        }
    }

    private void Open(string element, string? cssClass = null)
    {
        builder.OpenElement(Element, element);
        if (cssClass is not null)
        {
            builder.AddAttribute(Attribute, "class", cssClass);
        }
    }

    private void Close() => builder.CloseElement();
}
