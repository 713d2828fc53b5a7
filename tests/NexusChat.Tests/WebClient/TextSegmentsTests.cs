using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class TextSegmentsTests
{
    [Fact]
    public void PlainTextIsOneTextSegment()
    {
        var segments = TextSegments.Split("just words");

        Assert.Equal([new TextSegment(SegmentKind.Text, "just words")], segments);
    }

    [Fact]
    public void HttpAndHttpsUrlsBecomeLinksBetweenText()
    {
        var segments = TextSegments.Split("see https://example.org/a?b=1 and http://x.test now");

        Assert.Equal(
        [
            new TextSegment(SegmentKind.Text, "see "),
            new TextSegment(SegmentKind.Link, "https://example.org/a?b=1", "https://example.org/a?b=1"),
            new TextSegment(SegmentKind.Text, " and "),
            new TextSegment(SegmentKind.Link, "http://x.test", "http://x.test/"),
            new TextSegment(SegmentKind.Text, " now"),
        ], segments);
    }

    [Fact]
    public void SentencePunctuationAfterALinkStaysText()
    {
        var segments = TextSegments.Split("read https://example.org/page. (or https://example.org/wiki_(x))!");

        Assert.Contains(new TextSegment(SegmentKind.Link, "https://example.org/page", "https://example.org/page"), segments);
        Assert.Contains(segments, s => s.Kind == SegmentKind.Link && s.Text == "https://example.org/wiki_(x)");
        Assert.Equal(")!", segments[^1].Text);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("ftp://example.org/file")]
    [InlineData("file:///etc/passwd")]
    public void OtherSchemesStayText(string text)
    {
        var segments = TextSegments.Split(text);

        Assert.All(segments, s => Assert.Equal(SegmentKind.Text, s.Kind));
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void MarkupIsTextNotLinks()
    {
        var text = "<script>alert(1)</script><img src=x onerror=alert(1)>";

        var segments = TextSegments.Split(text);

        Assert.Equal([new TextSegment(SegmentKind.Text, text)], segments);
    }

    [Fact]
    public void MentionsAreMarkedButEmailAddressesAreNot()
    {
        var segments = TextSegments.Split("ping @ana.lima. or mail bo@example.org");

        Assert.Equal(
        [
            new TextSegment(SegmentKind.Text, "ping "),
            new TextSegment(SegmentKind.Mention, "@ana.lima"),
            new TextSegment(SegmentKind.Text, ". or mail bo@example.org"),
        ], segments);
    }

    [Fact]
    public void SegmentsTogetherAreTheOriginalText()
    {
        var text = "a https://e.org/x, @bob_1 <b>bold</b> https://e.org/(y)) end";

        Assert.Equal(text, string.Concat(TextSegments.Split(text).Select(s => s.Text)));
    }
}
