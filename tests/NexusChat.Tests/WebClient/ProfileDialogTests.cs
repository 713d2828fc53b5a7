using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using NexusChat.Contracts.Accounts;
using NexusChat.Web.Client.Features.Files;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Tests.WebClient;

/// <summary>The profile dialog: a picture uploaded (reported by files.js as the composer's are) becomes my avatar; a failure says why.</summary>
public sealed class ProfileDialogTests : PeopleContext
{
    public ProfileDialogTests()
    {
        Api.Users.Add(new UserDto("me", "me", "Me Myself", ""));
    }

    [Fact]
    public async Task ACompletedUploadIsSetAsMyPictureAndShownEverywhere()
    {
        var dialog = Render<ProfileDialog>(p => p.Add(d => d.UserId, "me"));
        var uploads = Browser(dialog);

        await dialog.InvokeAsync(() => uploads.OnUploadAdded("b1", "me.png", 1000, "image/png"));
        dialog.WaitForAssertion(() => Assert.Equal("Uploading me.png…", dialog.Find("[role=status]").TextContent));
        Assert.True(dialog.Find("button.primary").HasAttribute("disabled"));
        await dialog.InvokeAsync(() => uploads.OnUploadCompleted("b1", "file-1"));

        dialog.WaitForAssertion(() => Assert.Equal("Picture updated.", dialog.Find("[role=status]").TextContent));
        Assert.Contains("PUT /api/users/me/avatar", Api.Requests);
        Assert.Equal("v-new", Services.GetRequiredService<UserDirectory>().Find("me")?.AvatarVersion);
        Assert.False(dialog.Find("button.primary").HasAttribute("disabled"));
        await dialog.FindAll("button").Single(b => b.TextContent == "Remove picture").ClickAsync(new());
        dialog.WaitForAssertion(() => Assert.Equal("Picture removed.", dialog.Find("[role=status]").TextContent));
        Assert.Null(Services.GetRequiredService<UserDirectory>().Find("me")?.AvatarVersion);
    }

    [Fact]
    public async Task AFailedUploadSaysWhyAndLeavesThePictureAlone()
    {
        var dialog = Render<ProfileDialog>(p => p.Add(d => d.UserId, "me"));
        var uploads = Browser(dialog);

        await dialog.InvokeAsync(() => uploads.OnUploadAdded("b1", "huge.png", 1000, "image/png"));
        await dialog.InvokeAsync(() => uploads.OnUploadFailed("b1", "An upload may be at most 10 bytes."));

        dialog.WaitForAssertion(() => Assert.Equal("An upload may be at most 10 bytes.", dialog.Find(".form-error").TextContent));
        Assert.DoesNotContain("PUT /api/users/me/avatar", Api.Requests);
        Assert.False(dialog.Find("button.primary").HasAttribute("disabled"));
    }

    /// <summary>The tracker files.js reports to, as the dialog handed it over.</summary>
    private ComposerUploads Browser(IRenderedComponent<ProfileDialog> dialog)
    {
        dialog.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "watchComposer"));
        var reference = (DotNetObjectReference<ComposerUploads>)JSInterop.Invocations.First(i => i.Identifier == "watchComposer").Arguments[2]!;
        return reference.Value;
    }
}
