using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Web.Client.Features.Notifications;

namespace NexusChat.Tests.WebClient;

public sealed class NotificationPromptTests : WebClientContext
{
    private readonly BunitJSModuleInterop _module;

    public NotificationPromptTests()
    {
        Services.AddScoped<NotificationInterop>();
        _module = JSInterop.SetupModule("./js/notifications.js");
    }

    [Fact]
    public void TheBrowserIsAskedOnlyWhenTheButtonIsClickedAndTheButtonGoesOnceAnswered()
    {
        _module.Setup<string>("permission").SetResult("default");
        var ask = _module.Setup<string>("requestPermission");

        var prompt = Render<NotificationPrompt>();

        Assert.Empty(_module.Invocations["requestPermission"]);
        prompt.Find("button").Click();
        Assert.Single(_module.Invocations["requestPermission"]);
        ask.SetResult("granted");
        prompt.WaitForAssertion(() => Assert.Empty(prompt.FindAll("button")));
    }

    [Theory]
    [InlineData("granted")]
    [InlineData("denied")]
    [InlineData("unsupported")]
    public void NothingIsOfferedOnceTheBrowserWasAskedOrCannotNotify(string permission)
    {
        _module.Setup<string>("permission").SetResult(permission);

        var prompt = Render<NotificationPrompt>();

        prompt.WaitForAssertion(() => Assert.Single(_module.Invocations["permission"]));
        Assert.Empty(prompt.FindAll("button"));
    }
}
