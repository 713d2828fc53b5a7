using Bunit;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Files;

namespace NexusChat.Tests.WebClient;

public sealed class AttachmentListTests : WebClientContext
{
    private static readonly AttachmentDto Photo = new("f1", "cat.png", "image/png", 1234, "ab", null, null, PreviewStates.Pending);
    private static readonly AttachmentDto Report = new("f2", "report.pdf", "application/pdf", 2_500_000, "cd", null, null, "none");

    [Fact]
    public void AnImageWithoutItsPreviewYetHoldsItsPlaceAndOtherFilesAreCards()
    {
        var list = Render<AttachmentList>(p => p.Add(a => a.Attachments, [Photo, Report]));

        var image = list.Find(".image-attachment");
        Assert.Equal("pending", image.GetAttribute("data-preview-state"));
        Assert.Empty(list.FindAll(".image-attachment img"));
        var card = list.Find(".file-card");
        Assert.Equal("📕", card.QuerySelector(".file-icon")!.TextContent);
        Assert.Equal("report.pdf", card.QuerySelector(".file-name")!.TextContent);
        Assert.Equal("2.5 MB", card.QuerySelector(".file-size")!.TextContent);
        Assert.NotNull(list.Find("button[aria-label='Download report.pdf']"));
    }

    [Fact]
    public void AReadyImageShowsItsThumbnailFetchedWithTheToken()
    {
        var module = JSInterop.SetupModule("./js/files.js");
        module.Setup<ObjectUrl?>("fetchObjectUrl", call => call.Arguments[0] as string == "api/files/f1/thumbnail"
                && call.Arguments[1] as string == "test-token")
            .SetResult(new ObjectUrl(200, "blob:thumb"));
        var ready = Photo with { Width = 1280, Height = 640, PreviewState = "ready" };

        var list = Render<AttachmentList>(p => p.Add(a => a.Attachments, [ready]));

        list.WaitForAssertion(() =>
        {
            var img = list.Find(".image-attachment img");
            Assert.Equal(("blob:thumb", "320", "160"), (img.GetAttribute("src"), img.GetAttribute("width"), img.GetAttribute("height")));
        });
    }

    [Fact]
    public void APlaceholderTakesTheImagesShapeOnceKnown()
    {
        var sized = Photo with { Width = 300, Height = 600 };

        var list = Render<AttachmentList>(p => p.Add(a => a.Attachments, [sized]));

        var svg = list.Find(".image-placeholder");
        Assert.Equal(("160", "320"), (svg.GetAttribute("width"), svg.GetAttribute("height")));
    }

    [Fact]
    public void ClickingAnImageOpensTheFullImageAndEscapeClosesIt()
    {
        var module = JSInterop.SetupModule("./js/files.js");
        module.Setup<ObjectUrl?>("fetchObjectUrl", call => call.Arguments[0] as string == "api/files/f1")
            .SetResult(new ObjectUrl(200, "blob:full"));
        var list = Render<AttachmentList>(p => p.Add(a => a.Attachments, [Photo]));

        list.Find(".image-attachment").Click();
        list.WaitForAssertion(() => Assert.Equal("blob:full", list.Find(".lightbox img").GetAttribute("src")));
        list.Find("[role=dialog]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(list.FindAll("[role=dialog]"));
    }
}
