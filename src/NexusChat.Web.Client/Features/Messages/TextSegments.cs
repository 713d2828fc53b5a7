using System.Text.RegularExpressions;

namespace NexusChat.Web.Client.Features.Messages;

public enum SegmentKind
{
    Text,
    Link,
    Mention,
}

public sealed record TextSegment(SegmentKind Kind, string Text, string? Url = null);

/// <summary>
/// Splits message text into plain text, http(s) links and @mentions, so the view renders each as text or an
/// anchor and never as markup: anything else in the text (tags, entities, other URL schemes) stays literal.
/// </summary>
public static partial class TextSegments
{
    // Same mention shape as the server's (MessageRules): a username after '@' not preceded by a username character.
    [GeneratedRegex(@"(?<link>https?://[^\s<>""']+)|(?<![A-Za-z0-9_.-])(?<mention>@[A-Za-z0-9_.-]{3,32})", RegexOptions.IgnoreCase)]
    private static partial Regex Tokens();

    public static IReadOnlyList<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var position = 0;
        foreach (Match match in Tokens().Matches(text))
        {
            var value = match.Value;
            SegmentKind kind;
            string? url = null;
            if (match.Groups["link"].Success)
            {
                value = TrimTrailingPunctuation(value);
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    continue;
                }

                kind = SegmentKind.Link;
                url = uri.AbsoluteUri;
            }
            else
            {
                value = value.TrimEnd('.');
                kind = SegmentKind.Mention;
            }

            if (match.Index > position)
            {
                segments.Add(new TextSegment(SegmentKind.Text, text[position..match.Index]));
            }

            segments.Add(new TextSegment(kind, value, url));
            position = match.Index + value.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new TextSegment(SegmentKind.Text, text[position..]));
        }

        return Merge(segments);
    }

    // "see https://x.org/a." or "(https://x.org/a)": the closing punctuation belongs to the sentence, not the link.
    private static string TrimTrailingPunctuation(string url)
    {
        var end = url.Length;
        while (end > 0)
        {
            var last = url[end - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"')
            {
                end--;
            }
            else if (last == ')' && url[..end].Count(c => c == '(') < url[..end].Count(c => c == ')'))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return url[..end];
    }

    // A link that failed validation leaves two text segments side by side; one reads better to screen readers.
    private static List<TextSegment> Merge(List<TextSegment> segments)
    {
        var merged = new List<TextSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Text && merged.Count > 0 && merged[^1].Kind == SegmentKind.Text)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + segment.Text };
            }
            else
            {
                merged.Add(segment);
            }
        }

        return merged;
    }
}
