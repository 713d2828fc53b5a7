using System.Text.Json;
using Microsoft.Playwright;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Two people in one channel, in real browsers: a mention while Ana's tab is hidden raises one browser notification
/// and counts in her title and favicon, and its click opens the conversation; a message Ana writes while her sends
/// fail stays pending, survives a reload (with her draft) and reaches Ben once when sends work again.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserNotificationTests : IClassFixture<BrowserFixture>
{
    // Runs before the app's scripts in every document of Ana's context. Notifications are recorded by a stand-in for
    // window.Notification (headless Chromium shows none) that reports the real, granted permission. Hidden is emulated
    // by overriding document.visibilityState and document.hidden and dispatching visibilitychange, as a browser does
    // when the tab goes to the background; Playwright has no switch for it.
    private const string RecordNotificationsAndVisibility = """
        (() => {
            const Real = window.Notification;
            const shown = [];
            let hidden = false;
            class RecordingNotification {
                static get permission() { return Real ? Real.permission : 'granted'; }
                static requestPermission() { return Real ? Real.requestPermission() : Promise.resolve('granted'); }
                constructor(title, options) { Object.assign(this, options, { title }); shown.push(this); }
                close() { this.closed = true; }
            }
            window.Notification = RecordingNotification;
            window.__notifications = shown;
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
            window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
        })();
        """;

    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;

    public BrowserNotificationTests(HostModeAppFixture fixture, BrowserFixture browser)
    {
        (_fixture, _browser) = (fixture, browser);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task AMentionInAHiddenTabRaisesOneNotificationCountsInTheTitleAndItsClickOpensTheConversation()
    {
        await using var pair = await PairAsync(anaOpensChannel: false);
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        // Permission granted: the "Enable notifications" offer is not shown.
        await Expect(ana.Page.GetByRole(AriaRole.Button, new() { Name = "Enable notifications" })).ToHaveCountAsync(0);
        await ana.Page.EvaluateAsync("() => window.__setHidden(true)");

        await ben.SendAsync($"@{pair.AnaAccount.User.Username} can you look at this?");

        await ana.Page.WaitForFunctionAsync("() => window.__notifications.length > 0");
        await Expect(ana.Page).ToHaveTitleAsync("(1) NexusChat");
        var favicon = await ana.Page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.StartsWith("data:image/svg+xml,", favicon, StringComparison.Ordinal);
        // Channel chatter without a mention counts as unread but raises no notification.
        await ben.SendAsync("just chatting");
        await Expect(ana.Page).ToHaveTitleAsync("(2) NexusChat");
        var shown = JsonSerializer.Deserialize<RecordedNotification[]>(await ana.Page.EvaluateAsync<string>(
            "() => JSON.stringify(window.__notifications.map(n => ({ title: n.title, body: n.body, tag: n.tag })))"), JsonSerializerOptions.Web)!;
        var notification = Assert.Single(shown);
        Assert.Equal($"{ben.DisplayName} in #{pair.ChannelName}", notification.Title);
        Assert.Equal($"@{pair.AnaAccount.User.Username} can you look at this?", notification.Body);
        Assert.False(string.IsNullOrEmpty(notification.Tag));

        await ana.Page.EvaluateAsync("() => window.__notifications[0].onclick()");
        await ana.ExpectHeadingAsync(pair.ChannelName);
        await ana.Page.EvaluateAsync("() => window.__setHidden(false)");

        await Expect(ana.Page).ToHaveTitleAsync("NexusChat");
        Assert.Equal("favicon.svg", await ana.Page.Locator("link[rel=icon]").GetAttributeAsync("href"));
        BrowserPerson.AssertNoPageProblems(pair.Ana, pair.Ben);
    }

    [SkippableFact]
    public async Task AMessageWrittenWhileSendsFailIsPendingSurvivesAReloadAndArrivesOnceWhenSendsWorkAgain()
    {
        var hub = new FailingHubSends();
        await using var pair = await PairAsync(anaOpensChannel: true, hub);
        var (ana, ben) = (pair.Ana.Driver, pair.Ben.Driver);
        // The client sends through the hub while it is connected and through REST while it is not (as right after the
        // reload): both fail during the outage, so the message cannot get through either way.
        var restFailed = 0;
        await ana.Page.RouteAsync("**/api/conversations/*/messages", async route =>
        {
            if (hub.Failing && route.Request.Method == "POST")
            {
                Interlocked.Increment(ref restFailed);
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await ana.SendAsync("before the outage");
        await Expect(ben.Message("before the outage")).ToBeVisibleAsync();

        hub.Failing = true;
        await ana.SendAsync("written during the outage");
        await Expect(ana.AnyMessage("written during the outage")).ToHaveAttributeAsync("data-state", "pending");
        var composer = ana.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await composer.FillAsync("a draft not sent yet");
        // The draft is written after a pause in typing; reload only once it is in storage.
        await ana.Page.WaitForFunctionAsync(
            $"() => (localStorage.getItem('nexuschat.drafts.{pair.AnaAccount.User.Id}') || '').includes('a draft not sent yet')");

        var failedBeforeReload = hub.Failed + Volatile.Read(ref restFailed);
        await ana.Page.ReloadAsync();

        await ana.ExpectHeadingAsync(pair.ChannelName);
        await Expect(ana.AnyMessage("written during the outage")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(composer).ToHaveValueAsync("a draft not sent yet");
        // The page after the reload sent it again (and failed) before it is let through.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (hub.Failed + Volatile.Read(ref restFailed) <= failedBeforeReload)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        Assert.Empty(await ben.Messages.Filter(new() { HasTextString = "written during the outage" }).AllAsync());
        hub.Failing = false;

        await Expect(ben.Message("written during the outage")).ToBeVisibleAsync();
        await Expect(ana.Message("written during the outage")).ToHaveAttributeAsync("data-state", "sent");
        await ana.Page.WaitForFunctionAsync($"() => localStorage.getItem('nexuschat.pending.{pair.AnaAccount.User.Id}') === null");
        await ana.SendAsync("after the outage");
        await Expect(ben.Message("after the outage")).ToBeVisibleAsync();
        string[] expected = ["before the outage", "written during the outage", "after the outage"];
        Assert.Equal(expected, await ben.AllMessageTextsAsync());
        Assert.Equal(expected, await ana.AllMessageTextsAsync());
        var history = await pair.Api.HistoryAsync(pair.ChannelId, pair.AnaAccount);
        Assert.Single(history, m => m.Text == "written during the outage");
        BrowserPerson.AssertNoPageProblems(pair.Ben);
        // Chromium logs each aborted REST send ("Failed to load resource"); nothing else may have gone wrong for Ana.
        Assert.DoesNotContain(pair.Ana.Driver.Session.Problems, p => !p.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    /// <summary>Ana (owner, notifications granted, hidden-tab switch installed) and Ben in a new channel, both signed in.</summary>
    private async Task<Pair> PairAsync(bool anaOpensChannel, FailingHubSends? anaHub = null)
    {
        var api = new ApiSetup(_fixture);
        var anaAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var benAccount = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var name = $"team-{Guid.NewGuid():N}"[..13];
        var channel = await api.CreateChannelAsync(anaAccount, name, benAccount);
        var ana = await BrowserPerson.OpenAsync(_browser, _fixture, anaAccount.User.Username, anaAccount.User.DisplayName,
            new BrowserNewContextOptions(BrowserPerson.Desktop) { Permissions = ["notifications"] });
        await ana.Driver.Session.Context.AddInitScriptAsync(RecordNotificationsAndVisibility);
        var ben = await BrowserPerson.OpenAsync(_browser, _fixture, benAccount.User.Username, benAccount.User.DisplayName, BrowserPerson.Desktop);
        var pair = new Pair(api, channel.Id, name, anaAccount, ana, ben);
        if (anaHub is not null)
        {
            await anaHub.InstallAsync(ana.Driver.Page);
        }

        await ana.Driver.SignInAsync();
        if (anaOpensChannel)
        {
            await ana.Driver.OpenConversationAsync(name);
        }

        await ben.Driver.SignInAsync();
        await ben.Driver.OpenConversationAsync(name);
        return pair;
    }

    private sealed record RecordedNotification(string Title, string Body, string Tag);

    private sealed record Pair(ApiSetup Api, string ChannelId, string ChannelName, AuthResponse AnaAccount, BrowserPerson Ana, BrowserPerson Ben)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Ana.DisposeAsync();
            await Ben.DisposeAsync();
        }
    }
}
