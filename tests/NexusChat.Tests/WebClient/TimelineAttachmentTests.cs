using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>A message's files as the worker processes them: the preview reaches every copy shown, and never goes back.</summary>
public sealed class TimelineAttachmentTests
{
    private static readonly AttachmentDto Pending = new("f1", "cat.png", "image/png", 1234, "ab", null, null, PreviewStates.Pending);
    private static readonly AttachmentDto Ready = Pending with { Width = 640, Height = 480, PreviewState = "ready" };

    private static MessageDto WithFiles(long version, params AttachmentDto[] attachments) =>
        Stored(1, version: version) with { Attachments = attachments };

    [Fact]
    public void TheWorkersUpdateShowsThePreview()
    {
        var timeline = new Timeline();
        timeline.Apply(WithFiles(1, Pending));

        Assert.True(timeline.ApplyChange(WithFiles(2, Ready)));

        Assert.Equal(Ready, timeline.Messages.Single().Attachments.Single());
    }

    [Fact]
    public void APreviewIsTakenEvenFromACopyOfTheSameVersion()
    {
        var timeline = new Timeline();
        timeline.Apply(WithFiles(5, Pending));

        Assert.True(timeline.ApplyChange(WithFiles(5, Ready)));

        Assert.Equal("ready", timeline.Messages.Single().Attachments.Single().PreviewState);
    }

    [Fact]
    public void AnOlderCopyDoesNotTakeThePreviewBack()
    {
        var timeline = new Timeline();
        timeline.Apply(WithFiles(2, Ready));

        Assert.False(timeline.Apply(WithFiles(1, Pending)));
        Assert.False(timeline.Apply(WithFiles(2, Pending)));

        Assert.Equal(Ready, timeline.Messages.Single().Attachments.Single());
    }

    [Fact]
    public void AnEditKeepsTheAttachments()
    {
        var timeline = new Timeline();
        timeline.Apply(WithFiles(1, Ready));

        timeline.ApplyChange(WithFiles(2, Ready) with { Text = "edited", EditedAt = Now });

        var shown = timeline.Messages.Single();
        Assert.Equal(("edited", Ready), (shown.Text, shown.Attachments.Single()));
    }
}
