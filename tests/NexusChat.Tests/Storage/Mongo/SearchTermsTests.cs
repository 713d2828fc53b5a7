using System.Text.RegularExpressions;
using MongoDB.Bson;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("deploy,", new[] { "deploy" })]
    [InlineData("green deploy", new[] { "green", "deploy" })]
    [InlineData("blue-green \"ship\" OR", new[] { "blue", "green", "ship", "OR" })]
    [InlineData("ship -it* NEAR(x)", new[] { "ship", "it", "NEAR", "x" })]
    [InlineData("Ärger über 42x ½ 𝒳y", new[] { "Ärger", "über", "42x", "½", "𝒳y" })]
    [InlineData("  \" !!! ???", new string[0])]
    public void WordsAreTheRunsOfLettersAndDigits(string query, string[] words) =>
        Assert.Equal(words, SearchTerms.Words(query));

    [Fact]
    public void EachWordIsQuotedSoNothingTypedActsAsQuerySyntax() =>
        Assert.Equal(["\"ship\"", "\"it\"", "\"NEAR\""], SearchTerms.Phrases("ship -it* NEAR("));

    [Theory]
    [InlineData("green", "Green light", true)]
    [InlineData("green", "blue-green", true)]
    [InlineData("green", "evergreen", false)]
    [InlineData("green", "greenery", false)]
    [InlineData("deploy", "first deploy, then", true)]
    [InlineData("über", "ÜBER alles", true)]
    [InlineData("42", "build 420", false)]
    public void AWordMatchesOnlyAsAWholeWordIgnoringCase(string word, string text, bool matches)
    {
        // The pattern MongoDB evaluates is PCRE; this one uses nothing .NET reads differently (lookarounds, \p{..}).
        var pattern = SearchTerms.WholeWordPattern(word);

        Assert.Equal(matches, Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    [Fact]
    public void TheMongoSearchUsesTheTextIndexAndChecksEveryWordWhole()
    {
        var rendered = MongoRendering.Render(MongoSearchFilter.For(SearchTerms.Words("green deploy")));

        var clauses = rendered.Contains("$and") ? rendered["$and"].AsBsonArray.Select(c => c.AsBsonDocument).ToList() : [rendered];
        var text = Assert.Single(clauses, c => c.Contains("$text"));
        Assert.Equal("\"green\" \"deploy\"", text["$text"]["$search"].AsString);
        var patterns = clauses.Where(c => c.Contains("text")).Select(c => c["text"]).ToList();
        Assert.Equal(
            [new BsonRegularExpression(SearchTerms.WholeWordPattern("green"), "i"), new BsonRegularExpression(SearchTerms.WholeWordPattern("deploy"), "i")],
            patterns.Select(p => p.IsBsonRegularExpression ? p.AsBsonRegularExpression : p["$regex"].AsBsonRegularExpression));
    }
}
