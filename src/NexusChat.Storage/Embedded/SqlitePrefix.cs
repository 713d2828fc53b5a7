using System.Text;

namespace NexusChat.Storage.Embedded;

/// <summary>Case-folded prefix searches as index ranges (<c>column &gt;= prefix AND column &lt; upper bound</c>).</summary>
internal static class SqlitePrefix
{
    /// <summary>
    /// The least text greater than every text that starts with <paramref name="prefix"/>: the prefix with its last
    /// code point incremented (SQLite compares TEXT bytewise in UTF-8, which orders by code point). Null when no such
    /// text exists (empty prefix, or only U+10FFFF), where the lower bound alone already selects exactly the matches.
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0 && runes[^1].Value == 0x10FFFF)
        {
            runes.RemoveAt(runes.Count - 1);
        }

        if (runes.Count == 0)
        {
            return null;
        }

        var next = runes[^1].Value + 1;
        // Surrogate code points are not text; the next scalar value after U+D7FF is U+E000.
        runes[^1] = new Rune(next == 0xD800 ? 0xE000 : next);
        var bound = new StringBuilder(prefix.Length + 1);
        foreach (var rune in runes)
        {
            bound.Append(rune.ToString());
        }

        return bound.ToString();
    }
}
