using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class MentionQueryTests
{
    [Theory]
    [InlineData("@", "")]
    [InlineData("hi @an", "an")]
    [InlineData("hi\n@bo.b", "bo.b")]
    public void AMentionBeingTypedIsFound(string text, string prefix) => Assert.Equal(prefix, MentionQuery.Find(text));

    [Theory]
    [InlineData("")]
    [InlineData("hi @ana ")]
    [InlineData("mail bo@example")]
    public void NoMentionBeingTyped(string text) => Assert.Null(MentionQuery.Find(text));

    [Fact]
    public void CompletingReplacesThePrefixWithTheUsername() => Assert.Equal("hi @ana.lima ", MentionQuery.Complete("hi @an", "ana.lima"));
}
