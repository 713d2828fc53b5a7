namespace NexusChat.Storage.Conversations;

/// <summary>
/// Turns what a user typed into a search that means the same on both providers: every whitespace-separated word
/// must occur. Each word becomes a quoted phrase, so nothing typed acts as query syntax (FTS5's AND/OR/NEAR/*/^,
/// MongoDB's -negation), and quoted phrases are ANDed by both FTS5 and MongoDB $text.
/// </summary>
internal static class SearchTerms
{
    public static IReadOnlyList<string> Phrases(string query) =>
        [.. query.Replace("\"", " ", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => $"\"{word}\"")];
}
