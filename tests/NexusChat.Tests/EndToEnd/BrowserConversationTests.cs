using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using NexusChat.Web.Client.Features.Messages;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Two people in one channel, each in a real browser: a reply shows its parent on the other screen, a delete reaches
/// it live and once, the member panel follows who joins and leaves, and a failed send retried arrives once. Accounts
/// and the channel are made through the API; everything under test is done in the page.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserConversationTests : IClassFixture<BrowserFixture>
{
    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;

    public BrowserConversationTests(HostModeAppFixture fixture, BrowserFixture browser)
    {
        (_fixture, _browser) = (fixture, browser);
        // Hub pushes cross the outbox, the broker and the backplane; give a loaded 2-core machine room.
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task AReplyShowsItsParentOnTheOtherScreenAndJumpsToIt()
    {
        await using var pair = await PairAsync();
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        await ana.SendAsync("who takes the release?");
        await Expect(ben.Message("who takes the release?")).ToBeVisibleAsync();
        await ben.SendAsync("unrelated note");
        await Expect(ana.Message("unrelated note")).ToBeVisibleAsync();

        await ben.ReplyAsync("who takes the release?", "I will do it");

        await Expect(ana.Message("I will do it")).ToBeVisibleAsync();
        foreach (var screen in new[] { ana, ben })
        {
            await Expect(screen.ReplyQuote("I will do it").Locator(".reply-sender")).ToHaveTextAsync(ana.DisplayName);
            await Expect(screen.ReplyQuote("I will do it").Locator(".reply-text")).ToHaveTextAsync("who takes the release?");
            Assert.Equal(1, await screen.AllMessages.Locator(".reply-quote").CountAsync());
            Assert.Equal(["who takes the release?", "unrelated note", "I will do it"], await screen.AllMessageTextsAsync());
        }

        await ana.ReplyQuote("I will do it").ClickAsync();
        await Expect(ana.Message("who takes the release?")).ToBeFocusedAsync();
        BrowserPerson.AssertNoPageProblems(pair.Ana, pair.Ben);
    }

    [SkippableFact]
    public async Task AMessageItsAuthorDeletesIsShownDeletedOnTheOtherScreenLiveAndOnce()
    {
        await using var pair = await PairAsync();
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        foreach (var text in new[] { "keep this one", "delete me", "keep this too" })
        {
            await ana.SendAsync(text);
        }

        await Expect(ben.Message("keep this too")).ToBeVisibleAsync();

        await ana.DeleteAsync("delete me");

        await Expect(ben.DeletedMessages).ToHaveCountAsync(1);
        await Expect(ben.Message("delete me")).ToHaveCountAsync(0);
        // A message after the delete: once it shows, a second copy of the delete or of the message would have too.
        await ana.SendAsync("after the delete");
        await Expect(ben.Message("after the delete")).ToBeVisibleAsync();
        string[] expected = ["keep this one", "(deleted)", "keep this too", "after the delete"];
        Assert.Equal(expected, await ben.TimelineAsync());
        Assert.Equal(expected, await ana.TimelineAsync());
        BrowserPerson.AssertNoPageProblems(pair.Ana, pair.Ben);
    }

    [SkippableFact]
    public async Task TheMemberPanelFollowsWhoIsAddedAndRemovedLive()
    {
        await using var pair = await PairAsync();
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        var carlName = BrowserPerson.NewDisplayName("carl");
        var carl = await pair.Api.RegisterAsync(ChatPageDriver.NewUsername("carl"), carlName);
        // The owner first, then by name: Ana owns the channel, and "Ben …" sorts before "Carl …".
        string[] before = [ana.DisplayName, ben.DisplayName];
        await Expect(ana.MemberNames).ToHaveTextAsync(before);
        await Expect(ben.MemberNames).ToHaveTextAsync(before);

        await ana.AddPersonAsync(carl.User.Username, carlName);

        string[] withCarl = [ana.DisplayName, ben.DisplayName, carlName];
        await Expect(ben.MemberNames).ToHaveTextAsync(withCarl);
        await Expect(ana.MemberNames).ToHaveTextAsync(withCarl);
        await Expect(ben.MembersPanel.GetByRole(Microsoft.Playwright.AriaRole.Heading)).ToHaveTextAsync("Members (3)");

        // The web client has no remove action: the owner removes Carl through the API, and both panels follow.
        await pair.Api.RemoveMemberAsync(pair.ChannelId, pair.AnaAccount, carl.User.Id);

        await Expect(ben.MemberNames).ToHaveTextAsync(before);
        await Expect(ana.MemberNames).ToHaveTextAsync(before);
        await Expect(ben.MembersPanel.GetByRole(Microsoft.Playwright.AriaRole.Heading)).ToHaveTextAsync("Members (2)");
        BrowserPerson.AssertNoPageProblems(pair.Ana, pair.Ben);
    }

    [SkippableFact]
    public async Task AFailedSendShowsRetryAndRetriedArrivesOnTheOtherScreenOnce()
    {
        var hub = new FailingHubSends();
        await using var pair = await PairAsync(hub);
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        await ana.SendAsync("before the fault");
        await Expect(ben.Message("before the fault")).ToBeVisibleAsync();

        hub.Failing = true;
        await ana.SendAsync("written during the fault");
        // A send that cannot get through is tried five times over about 15 s (ConversationSession.DefaultRetryDelays)
        // before it shows Retry.
        await Expect(ana.AnyMessage("written during the fault")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(ana.RetryButton("written during the fault")).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await Expect(ana.AnyMessage("written during the fault")).ToHaveAttributeAsync("data-state", "failed");
        hub.Failing = false;

        await ana.RetryButton("written during the fault").ClickAsync();

        await Expect(ben.Message("written during the fault")).ToBeVisibleAsync();
        // One copy: a second (the failed one left beside the stored one) would break this locator's strictness.
        await Expect(ana.AnyMessage("written during the fault")).ToHaveAttributeAsync("data-state", "sent");
        await ana.SendAsync("after the retry");
        await Expect(ben.Message("after the retry")).ToBeVisibleAsync();
        string[] expected = ["before the fault", "written during the fault", "after the retry"];
        Assert.Equal(expected, await ben.AllMessageTextsAsync());
        Assert.Equal(expected, await ana.AllMessageTextsAsync());
        Assert.Equal(1 + ConversationSession.DefaultRetryDelays.Count, hub.Failed);
        BrowserPerson.AssertNoPageProblems(pair.Ana, pair.Ben);
    }

    /// <summary>Ana (owner) and Ben in a new channel, each signed in on a desktop-sized page with it open.</summary>
    /// <param name="anaHub">Put between Ana's page and the hub before she connects.</param>
    private async Task<Pair> PairAsync(FailingHubSends? anaHub = null)
    {
        var api = new ApiSetup(_fixture);
        var anaAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var benAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var name = $"team-{Guid.NewGuid():N}"[..13];
        var channel = await api.CreateChannelAsync(anaAccount, name, benAccount);
        var ana = await OpenAsync(anaAccount);
        var ben = await OpenAsync(benAccount);
        var pair = new Pair(api, channel.Id, anaAccount, ana, ben);
        if (anaHub is not null)
        {
            await anaHub.InstallAsync(ana.Driver.Page);
        }

        foreach (var person in new[] { ana, ben })
        {
            await person.Driver.SignInAsync();
            await person.Driver.OpenConversationAsync(name);
        }

        return pair;
    }

    private Task<BrowserPerson> OpenAsync(AuthResponse account) =>
        BrowserPerson.OpenAsync(_browser, _fixture, account.User.Username, account.User.DisplayName, BrowserPerson.Desktop);

    private sealed record Pair(ApiSetup Api, string ChannelId, AuthResponse AnaAccount, BrowserPerson Ana, BrowserPerson Ben) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Ana.DisposeAsync();
            await Ben.DisposeAsync();
        }
    }
}
