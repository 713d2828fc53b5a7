using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class ComposerTests : WebClientContext
{
    private readonly List<string> _sent = [];

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(p => p.Add(c => c.OnSend, EventCallback.Factory.Create<OutgoingMessage>(this, message => _sent.Add(message.Text))));

    [Fact]
    public void EnterSendsTheTrimmedTextAndClearsTheComposer()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input("  hello there  ");
        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["hello there"], _sent);
        Assert.Equal(string.Empty, composer.Find("textarea").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void ShiftEnterDoesNotSend()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input("first line");
        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });

        Assert.Empty(_sent);
    }

    [Fact]
    public void TheSendButtonSendsToo()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input("by click");
        composer.Find("form").Submit();

        Assert.Equal(["by click"], _sent);
    }

    [Fact]
    public void BlankTextIsNotSent()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input("   \n ");
        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_sent);
        Assert.True(composer.Find("button[type=submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void TheCounterShowsCharactersUsedOutOfFourThousand()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input(new string('a', 12));

        Assert.Contains("12 / 4000", composer.Find(".char-counter").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("over", composer.Find(".char-counter").ClassList);
    }

    [Fact]
    public void OverTheLimitTheSendButtonIsDisabledAndEnterDoesNotSend()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input(new string('a', 4001));
        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_sent);
        Assert.True(composer.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Contains("over", composer.Find(".char-counter").ClassList);
        Assert.Contains("1 too many", composer.Find(".char-counter").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyFourThousandCharactersMaySend()
    {
        var composer = RenderComposer();

        composer.Find("textarea").Input(new string('a', 4000));

        Assert.False(composer.Find("button[type=submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void TypingAtSignOffersMatchingMembersAndEnterCompletesTheMention()
    {
        var composer = Render<Composer>(p => p
            .Add(c => c.OnSend, EventCallback.Factory.Create<OutgoingMessage>(this, message => _sent.Add(message.Text)))
            .Add(c => c.Members, [new MentionCandidate("ana", "Ana Lima"), new MentionCandidate("bo", "Bo Berg")]));

        composer.Find("textarea").Input("hi @an");
        var options = composer.FindAll("[role=option]");
        Assert.Single(options);
        Assert.Contains("Ana Lima", options[0].TextContent, StringComparison.Ordinal);

        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_sent);
        Assert.Equal("hi @ana ", composer.Find("textarea").GetAttribute("value"));
        Assert.Empty(composer.FindAll("[role=option]"));
    }

    [Fact]
    public void TheSendButtonWaitsForTheFilesThenSendsThemWithTheText()
    {
        var sent = new List<OutgoingMessage>();
        var composer = Render<Composer>(p => p.Add(c => c.OnSend, EventCallback.Factory.Create<OutgoingMessage>(this, sent.Add)));
        var uploads = composer.Instance.Uploads;
        composer.InvokeAsync(() => uploads.OnUploadAdded("local-1", "cat.png", 1_500_000, "image/png"));
        composer.Find("textarea").Input("look");

        var button = composer.Find("button[type=submit]");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("Uploading…", button.TextContent);
        Assert.Contains("Waiting for 1 upload", composer.Find(".composer-hint").TextContent, StringComparison.Ordinal);
        Assert.Equal("cat.png", composer.Find(".upload-name").TextContent);
        Assert.Equal("1.5 MB", composer.Find(".upload-size").TextContent);

        composer.InvokeAsync(() => uploads.OnUploadCompleted("local-1", "file-7"));
        composer.Find("form").Submit();

        var message = Assert.Single(sent);
        Assert.Equal(("look", "file-7"), (message.Text, message.Attachments.Single().Id));
        Assert.Empty(composer.FindAll(".upload"));
    }

    [Fact]
    public void CompletedFilesAreSentWithoutText()
    {
        var sent = new List<OutgoingMessage>();
        var composer = Render<Composer>(p => p.Add(c => c.OnSend, EventCallback.Factory.Create<OutgoingMessage>(this, sent.Add)));
        composer.InvokeAsync(() =>
        {
            composer.Instance.Uploads.OnUploadAdded("local-1", "notes.txt", 10, "text/plain");
            composer.Instance.Uploads.OnUploadCompleted("local-1", "file-1");
        });

        Assert.False(composer.Find("button[type=submit]").HasAttribute("disabled"));
        composer.Find("form").Submit();
        var message = Assert.Single(sent);
        Assert.Equal(("", "file-1"), (message.Text, message.Attachments.Single().Id));
    }

    [Fact]
    public void NeitherTextNorFilesSendsNothing()
    {
        var composer = RenderComposer();
        Assert.True(composer.Find("button[type=submit]").HasAttribute("disabled"));
    }
}
