namespace NexusChat.Web.Client.Features.Emoji;

/// <summary>One emoji the picker offers: the character sequence, its English name and the words it is found by.</summary>
public sealed record EmojiEntry(string Glyph, string Name, string Words);

public sealed record EmojiCategory(string Id, string Name, IReadOnlyList<EmojiEntry> Emojis);

/// <summary>The emoji the picker offers (wwwroot/lib/emoji-mart-data/emoji.json), by category, and search over them.</summary>
public sealed class EmojiSet(IReadOnlyList<EmojiCategory> categories)
{
    public const int MaxResults = 80;

    private readonly Dictionary<string, EmojiEntry> _byGlyph =
        categories.SelectMany(c => c.Emojis).DistinctBy(e => e.Glyph).ToDictionary(e => e.Glyph, StringComparer.Ordinal);

    public IReadOnlyList<EmojiCategory> Categories => categories;

    /// <summary>The entry for <paramref name="glyph"/>; null for one the set does not hold.</summary>
    public EmojiEntry? Find(string glyph) => _byGlyph.GetValueOrDefault(glyph);

    /// <summary>
    /// Emoji every word of <paramref name="query"/> starts a search word of ("thumb up" finds 👍), those whose name
    /// starts with the query first, then in the set's order; at most <see cref="MaxResults"/>.
    /// </summary>
    public IReadOnlyList<EmojiEntry> Search(string query)
    {
        var terms = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            return [];
        }

        var phrase = string.Join(' ', terms);
        return _byGlyph.Values
            .Where(e => terms.All(term => StartsAWord(e.Words, term)))
            .OrderBy(e => e.Name.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Take(MaxResults)
            .ToList();
    }

    private static bool StartsAWord(string words, string term)
    {
        for (var at = words.IndexOf(term, StringComparison.Ordinal); at >= 0; at = words.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || words[at - 1] == ' ')
            {
                return true;
            }
        }

        return false;
    }
}
