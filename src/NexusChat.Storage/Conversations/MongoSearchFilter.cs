using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The MongoDB side of <see cref="SearchTerms"/>: $text on the quoted words finds the candidates through the text
/// index (a $text query must use it), and a whole-word pattern per word keeps only the messages FTS5 would find.
/// </summary>
internal static class MongoSearchFilter
{
    public static FilterDefinition<MessageDocument> For(IReadOnlyList<string> words)
    {
        var filter = Builders<MessageDocument>.Filter;
        return filter.And(words
            .Select(word => filter.Regex(m => m.Text, new BsonRegularExpression(SearchTerms.WholeWordPattern(word), "i")))
            .Prepend(filter.Text(string.Join(' ', words.Select(SearchTerms.Quoted)))));
    }
}
