using System.Globalization;
using System.Text;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// Turns what a user typed into a search that means the same on both providers: every word must occur as a whole
/// word. A word is a run of letters and digits, as the embedded store's FTS5 (unicode61) tokenizes text, so
/// punctuation typed in the search ("deploy,") separates words as it does in the text. Each word is quoted, so
/// nothing typed acts as query syntax (FTS5's AND/OR/NEAR/*/^, MongoDB's -negation); quoted phrases are ANDed by
/// both FTS5 and MongoDB $text.
/// </summary>
internal static class SearchTerms
{
    public static IReadOnlyList<string> Words(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in query.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.IsNumber(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    public static IReadOnlyList<string> Phrases(string query) => [.. Words(query).Select(Quoted)];

    public static string Quoted(string word) => $"\"{word}\"";

    /// <summary>
    /// A case-insensitive match of <paramref name="word"/> not preceded or followed by a letter or digit. MongoDB
    /// checks a quoted $text phrase as a substring ("green" is found in "evergreen"), so its provider adds this.
    /// A word holds only letters and digits, which are never pattern syntax.
    /// </summary>
    public static string WholeWordPattern(string word) =>
        string.Create(CultureInfo.InvariantCulture, $@"(?<![\p{{L}}\p{{N}}]){word}(?![\p{{L}}\p{{N}}])");
}
