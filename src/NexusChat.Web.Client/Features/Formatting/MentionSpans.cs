using System.Text.RegularExpressions;

namespace NexusChat.Web.Client.Features.Formatting;

/// <summary>A piece of message text: plain, or an @mention (and whether it names the reader).</summary>
public readonly record struct MentionSpan(string Text, bool IsMention, bool IsReader);

/// <summary>
/// Finds @mentions in a run of message text (never in code: the writer only passes prose here), with the server's
/// mention shape (MessageRules): a username after '@' not preceded by a username character, a final '.' left out.
/// </summary>
public static partial class MentionSpans
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])@(?<name>[A-Za-z0-9_.-]{3,32})")]
    private static partial Regex Mention();

    public static IReadOnlyList<MentionSpan> Split(string text, string? readerUsername)
    {
        var spans = new List<MentionSpan>();
        var position = 0;
        foreach (Match match in Mention().Matches(text))
        {
            var name = match.Groups["name"].Value.TrimEnd('.');
            if (name.Length < 3)
            {
                continue;
            }

            if (match.Index > position)
            {
                spans.Add(new MentionSpan(text[position..match.Index], false, false));
            }

            var isReader = readerUsername is not null && string.Equals(name, readerUsername, StringComparison.OrdinalIgnoreCase);
            spans.Add(new MentionSpan("@" + name, true, isReader));
            position = match.Index + name.Length + 1;
        }

        if (position < text.Length)
        {
            spans.Add(new MentionSpan(text[position..], false, false));
        }

        return spans;
    }
}
