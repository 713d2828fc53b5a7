using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Accounts;
using NexusChat.Web.Client.Features.Files;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Tests.WebClient;

/// <summary>The one avatar component: initials on the user's colour, or their picture by version.</summary>
public sealed class AvatarComponentTests : PeopleContext
{
    private const string AnaId = "0f8fad5bd9cb469fa16570867728950e";

    [Fact]
    public void AUserWithoutAPictureShowsTheirInitialsOnTheirColour()
    {
        Api.Users.Add(new UserDto(AnaId, "ana", "Ana Lima", ""));

        var avatar = Render<Avatar>(p => p.Add(a => a.UserId, AnaId).Add(a => a.Size, "l"));

        avatar.WaitForAssertion(() => Assert.Equal("AL", avatar.Find("span.avatar").TextContent));
        Assert.Contains("avatar-c9", avatar.Find("span.avatar").ClassList);
        Assert.Contains("avatar-l", avatar.Find("span.avatar").ClassList);
        Assert.Equal("true", avatar.Find("span.avatar").GetAttribute("aria-hidden"));
        Assert.Empty(avatar.FindAll("img"));
    }

    [Fact]
    public void APictureIsFetchedByVersionAndANewVersionReplacesIt()
    {
        var files = JSInterop.SetupModule("./js/files.js");
        files.Setup<ObjectUrl?>("fetchObjectUrl", i => Equals(i.Arguments[0], $"api/users/{AnaId}/avatar?v=v1")).SetResult(new ObjectUrl(200, "blob:one"));
        files.Setup<ObjectUrl?>("fetchObjectUrl", i => Equals(i.Arguments[0], $"api/users/{AnaId}/avatar?v=v2")).SetResult(new ObjectUrl(200, "blob:two"));
        var users = Services.GetRequiredService<UserDirectory>();
        users.Remember(new UserDto(AnaId, "ana", "Ana Lima", "", "v1"));

        var first = Render<Avatar>(p => p.Add(a => a.UserId, AnaId));
        var second = Render<Avatar>(p => p.Add(a => a.UserId, AnaId));

        first.WaitForAssertion(() => Assert.Equal("blob:one", first.Find("img.avatar").GetAttribute("src")));
        second.WaitForAssertion(() => Assert.Equal("blob:one", second.Find("img.avatar").GetAttribute("src")));
        // Every avatar of a user shares one fetch.
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "fetchObjectUrl");

        users.Update(new UserDto(AnaId, "ana", "Ana Lima", "", "v2"));
        first.WaitForAssertion(() => Assert.Equal("blob:two", first.Find("img.avatar").GetAttribute("src")));

        users.Update(new UserDto(AnaId, "ana", "Ana Lima", ""));
        first.WaitForAssertion(() => Assert.Equal("AL", first.Find("span.avatar").TextContent));
    }
}
