using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NexusChat.Web.Client.Features.Formatting;

/// <summary>
/// A message's text without its Markdown, on one line: what a reply quote or a notification shows of it. Code keeps
/// its text, links their text, markup characters go.
/// </summary>
public static class MarkdownPlainText
{
    public static string Of(string text)
    {
        var plain = new StringBuilder(text.Length);
        AppendBlocks(plain, MessageMarkdown.Parse(text));
        return plain.ToString().Trim();
    }

    private static void AppendBlocks(StringBuilder plain, ContainerBlock container)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case LinkReferenceDefinitionGroup:
                    break;
                case LeafBlock { Inline: { } inline }:
                    AppendInlines(plain, inline);
                    Separate(plain);
                    break;
                case LeafBlock leaf:
                    plain.Append(string.Join(' ', leaf.Lines.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
                    Separate(plain);
                    break;
                case ContainerBlock child:
                    AppendBlocks(plain, child);
                    break;
            }
        }
    }

    private static void AppendInlines(StringBuilder plain, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    plain.Append(literal.Content.AsSpan());
                    break;
                case HtmlEntityInline entity:
                    plain.Append(entity.Transcoded.AsSpan());
                    break;
                case CodeInline code:
                    plain.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    plain.Append(autolink.Url);
                    break;
                case HtmlInline html:
                    plain.Append(html.Tag);
                    break;
                case LineBreakInline:
                    Separate(plain);
                    break;
                case ContainerInline child:
                    AppendInlines(plain, child);
                    break;
            }
        }
    }

    private static void Separate(StringBuilder plain)
    {
        if (plain.Length > 0 && plain[^1] != ' ')
        {
            plain.Append(' ');
        }
    }
}
