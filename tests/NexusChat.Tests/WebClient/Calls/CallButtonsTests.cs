using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Client.Rest;
using NexusChat.Web.Client.Features.Calls;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class CallButtonsTests : PeopleContext
{
    public CallButtonsTests()
    {
        Services.AddScoped<CallsClient>();
        Services.AddScoped<CallInterop>();
        Services.AddScoped<CallSession>();
    }

    [Fact]
    public void AConversationWithoutACallOffersAudioAndVideo()
    {
        var buttons = Render<CallButtons>(p => p.Add(b => b.ConversationId, "conv-1"));

        Assert.Equal(["Start audio call", "Start video call"], buttons.FindAll("button").Select(b => b.GetAttribute("aria-label")));
    }

    [Fact]
    public void StartingWhileTheHubIsNotConnectedSaysSoAndOpensNoCall()
    {
        var host = Render<CallHost>();
        var buttons = Render<CallButtons>(p => p.Add(b => b.ConversationId, "conv-1"));

        buttons.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Start video call").Click();

        host.WaitForAssertion(() => Assert.Contains("Not connected to the server yet", host.Find("[role=alert]").TextContent));
        Assert.Empty(host.FindAll("section[aria-label=Call]"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "createCall");
    }
}
