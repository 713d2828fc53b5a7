using System.Globalization;

namespace NexusChat.Web.Client.Features.People;

/// <summary>
/// How a user without a picture is drawn: the initials of the display name on a colour picked by the user id, so the
/// same person has the same colour everywhere and on every client, whatever their name becomes.
/// </summary>
public static class AvatarLook
{
    /// <summary>The palette's size; app.css defines <c>.avatar-c0</c> … <c>.avatar-c9</c>, each dark enough for white text (≥ 4.5:1).</summary>
    public const int Colors = 10;

    /// <summary>
    /// One or two letters: the first letters of the first and last words ("Ana Lima" → "AL"), or the first letter of
    /// a single word ("ana" → "A"); "?" when the name has no letter or digit. Letters are whole text elements (an
    /// accented letter or an emoji stays whole) and upper-cased.
    /// </summary>
    public static string Initials(string? displayName)
    {
        var words = (displayName ?? string.Empty)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(FirstLetter)
            .OfType<string>()
            .ToList();
        return words.Count switch
        {
            0 => "?",
            1 => words[0],
            _ => words[0] + words[^1],
        };
    }

    /// <summary>A stable index into the palette: FNV-1a of the id, which (unlike string.GetHashCode) is the same in every process.</summary>
    public static int ColorIndex(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Colors);
    }

    private static string? FirstLetter(string word)
    {
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (char.IsLetterOrDigit(element, 0) || char.IsSurrogate(element, 0))
            {
                return element.ToUpperInvariant();
            }
        }

        return null;
    }
}
