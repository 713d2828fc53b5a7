using NexusChat.Web.Client.Features.Notifications;

namespace NexusChat.Tests.WebClient;

public sealed class UnreadIndicatorTests
{
    [Theory]
    [InlineData(0, "NexusChat")]
    [InlineData(3, "(3) NexusChat")]
    [InlineData(99, "(99) NexusChat")]
    [InlineData(100, "(99+) NexusChat")]
    public void TheTitleLeadsWithTheUnreadCountAndIsPlainAtZero(long unread, string title) =>
        Assert.Equal(title, UnreadIndicator.Title(unread));

    [Fact]
    public void TheFaviconIsThePlainOneAtZero() => Assert.Null(UnreadIndicator.FaviconDataUrl(0));

    [Theory]
    [InlineData(7, "7")]
    [InlineData(42, "42")]
    [InlineData(1000, "99+")]
    public void TheFaviconIsTheAppIconWithTheCountDrawnOnIt(long unread, string drawn)
    {
        var url = UnreadIndicator.FaviconDataUrl(unread)!;

        Assert.StartsWith("data:image/svg+xml,", url, StringComparison.Ordinal);
        var svg = System.Xml.Linq.XElement.Parse(Uri.UnescapeDataString(url["data:image/svg+xml,".Length..]));
        var text = svg.Elements().Single(e => e.Name.LocalName == "text");
        Assert.Equal(drawn, text.Value);
        Assert.Contains(svg.Elements(), e => e.Name.LocalName == "path");
    }
}
