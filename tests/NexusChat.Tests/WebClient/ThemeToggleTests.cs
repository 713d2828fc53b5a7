using Bunit;
using NexusChat.Web.Client.Features.Appearance;

namespace NexusChat.Tests.WebClient;

/// <summary>The theme toggle shows the stored choice and hands a new one to js/theme.js.</summary>
public sealed class ThemeToggleTests : WebClientContext
{
    [Theory]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    [InlineData("system", "system")]
    [InlineData("sepia", "system")]
    [InlineData(null, "system")]
    public void TheStoredChoiceIsChecked(string? stored, string expected)
    {
        JSInterop.Setup<string?>("nexuschatTheme.read").SetResult(stored);

        var toggle = Render<ThemeToggle>();

        toggle.WaitForAssertion(() => Assert.Equal(expected, toggle.Find("input[checked]").GetAttribute("value")));
        Assert.Equal(3, toggle.FindAll("input[type=radio][name=theme]").Count);
        Assert.Equal("Theme", toggle.Find("legend").TextContent);
    }

    [Fact]
    public void ChoosingAThemeAppliesAndKeepsIt()
    {
        JSInterop.Setup<string?>("nexuschatTheme.read").SetResult("system");
        JSInterop.SetupVoid("nexuschatTheme.choose", _ => true);
        var toggle = Render<ThemeToggle>();

        toggle.Find("input[value=dark]").Change(true);

        var choose = JSInterop.VerifyInvoke("nexuschatTheme.choose");
        Assert.Equal("dark", choose.Arguments[0]);
        Assert.Equal("dark", toggle.Find("input[checked]").GetAttribute("value"));
    }
}
