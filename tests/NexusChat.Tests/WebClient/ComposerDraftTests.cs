using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class ComposerDraftTests : WebClientContext
{
    private readonly FakeBrowserStorage _storage = new();
    private readonly List<string> _sent = [];

    private DraftStore Drafts => new(_storage, Time);

    private IRenderedComponent<Composer> RenderComposer(DraftStore drafts) => Render<Composer>(p => p
        .Add(c => c.Draft, new ConversationDraft(drafts, "ana", "conv"))
        .Add(c => c.OnSend, EventCallback.Factory.Create<OutgoingMessage>(this, message => _sent.Add(message.Text))));

    [Fact]
    public void WhatWasTypedIsThereWhenTheComposerOpensAgainAndAfterAReload()
    {
        var drafts = Drafts;
        var first = RenderComposer(drafts);
        first.Find("textarea").Input("half a thought");
        first.Dispose();

        Assert.Equal("half a thought", RenderComposer(drafts).Find("textarea").GetAttribute("value"));
        Time.Advance(DraftStore.Debounce);
        first.WaitForAssertion(() => Assert.NotEmpty(_storage.Items));
        Assert.Equal("half a thought", RenderComposer(Drafts).Find("textarea").GetAttribute("value"));
    }

    [Fact]
    public void SendingClearsTheDraft()
    {
        var drafts = Drafts;
        var composer = RenderComposer(drafts);
        composer.Find("textarea").Input("to send");

        composer.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["to send"], _sent);
        Assert.Equal(string.Empty, RenderComposer(drafts).Find("textarea").GetAttribute("value") ?? string.Empty);
        Assert.Empty(_storage.Items);
    }
}
