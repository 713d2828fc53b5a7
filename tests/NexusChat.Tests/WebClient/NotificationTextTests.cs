using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Notifications;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

public sealed class NotificationTextTests
{
    private static AttachmentDto File(string id) => new(id, "a.txt", "text/plain", 3, "abc", null, null, "none");

    [Fact]
    public void TheTitleNamesTheSenderAndTheChannel()
    {
        Assert.Equal("Bo", NotificationText.Title("Bo", null));
        Assert.Equal("Bo in #general", NotificationText.Title("Bo", "general"));
    }

    [Fact]
    public void TheBodyIsTheTextOnOneLineCutToItsLimit()
    {
        Assert.Equal("hello there you", NotificationText.Body(Stored(1, text: "hello\n\n  there\tyou ")));
        var longText = new string('x', 500);
        var body = NotificationText.Body(Stored(1, text: longText));
        Assert.Equal(NotificationText.MaxBody, body.Length);
        Assert.EndsWith("…", body, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupInTheTextStaysPlainText() =>
        Assert.Equal("<b>hi</b> & <script>", NotificationText.Body(Stored(1, text: "<b>hi</b> & <script>")));

    [Fact]
    public void FilesWithoutTextSaySo()
    {
        Assert.Equal("Sent a file", NotificationText.Body(Stored(1, text: "") with { Attachments = [File("f1")] }));
        Assert.Equal("Sent 2 files", NotificationText.Body(Stored(1, text: "") with { Attachments = [File("f1"), File("f2")] }));
    }
}
