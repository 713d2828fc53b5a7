using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// People chatting in real browsers (headless Chromium) through the gateway of the host-mode app: every message on
/// the other side once and in order, badges, typing, reactions, edits, DMs, a dead realtime replica, hostile text.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserChatTests : IClassFixture<BrowserFixture>
{
    private static readonly BrowserNewContextOptions Desktop = BrowserPerson.Desktop;
    private static readonly BrowserNewContextOptions Phone = BrowserPerson.Phone;

    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserChatTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        // Hub pushes cross the outbox, the broker and the backplane; give a loaded 2-core machine room.
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task TwoPeopleChatInAChannelWithBadgesTypingReactionsAndEdits()
    {
        await using var ana = await PersonAsync("ana", Desktop);
        await using var ben = await PersonAsync("ben", Phone);
        await ana.Driver.RegisterAsync();
        await ben.Driver.RegisterAsync();
        var channel = $"team-{Guid.NewGuid():N}"[..13];

        await ana.Driver.CreateChannelAsync(channel);
        await ana.Driver.AddPersonAsync(ben.Driver);
        await ben.Driver.ShowConversationsAsync();
        await Expect(ben.Driver.ConversationLink(channel)).ToBeVisibleAsync();

        await ana.Driver.SendAsync("hello ben");
        await ana.Driver.SendAsync("second message");
        await Expect(ben.Driver.UnreadBadge(channel)).ToHaveTextAsync("2");

        await ben.Driver.OpenConversationAsync(channel);
        await Expect(ben.Driver.Message("second message")).ToBeVisibleAsync();
        await ben.Driver.ShowConversationsAsync();
        await Expect(ben.Driver.UnreadBadge(channel)).ToHaveCountAsync(0);
        await ben.Driver.OpenConversationAsync(channel);

        await ben.Driver.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).PressSequentiallyAsync("typing");
        await Expect(ana.Driver.Page.GetByTestId("typing-indicator")).ToHaveTextAsync($"{ben.Driver.DisplayName} is typing…");
        await ben.Driver.SendAsync("hi ana");
        await Expect(ana.Driver.Message("hi ana")).ToBeVisibleAsync();

        await ana.Driver.ReactAsync("hi ana", "👍");
        await Expect(ben.Driver.Message("hi ana").Locator(".reaction-chip")).ToContainTextAsync("1");
        await ben.Driver.EditAsync("hi ana", "hi ana, edited");
        await Expect(ana.Driver.Message("hi ana, edited").Locator(".edited")).ToBeVisibleAsync();

        string[] expected = ["hello ben", "second message", "hi ana, edited"];
        Assert.Equal(expected, await ana.Driver.MessageTextsAsync());
        Assert.Equal(expected, await ben.Driver.MessageTextsAsync());
        _output.WriteLine($"screenshots: {await ana.Driver.ScreenshotAsync("conversation-desktop")}, {await ben.Driver.ScreenshotAsync("conversation-375px")}");
        AssertNoPageProblems(ana, ben);
    }

    [SkippableFact]
    public async Task ADirectMessageStartedFromUserSearchReachesTheOtherPerson()
    {
        await using var ana = await PersonAsync("ana", Desktop);
        await using var ben = await PersonAsync("ben", Desktop);
        await ana.Driver.RegisterAsync();
        await ben.Driver.RegisterAsync();

        await ana.Driver.StartDirectMessageAsync(ben.Driver);
        await ana.Driver.SendAsync("a private word");
        await ana.Driver.SendAsync("are you there?");
        await Expect(ben.Driver.UnreadBadge(ana.Driver.DisplayName)).ToHaveTextAsync("2");
        await ben.Driver.OpenConversationAsync(ana.Driver.DisplayName);
        await Expect(ben.Driver.Message("are you there?")).ToBeVisibleAsync();

        // Each answers once the other's last word is on screen, so the order written is the order stored. The last
        // message of each exchange comes after the ones before it: once it shows, a duplicate of those would too.
        await ben.Driver.SendAsync("yes, here");
        await ben.Driver.SendAsync("what is it?");
        await Expect(ana.Driver.Message("what is it?")).ToBeVisibleAsync();
        await ana.Driver.SendAsync("lunch at noon?");
        await Expect(ben.Driver.Message("lunch at noon?")).ToBeVisibleAsync();
        await ben.Driver.SendAsync("see you there");
        await Expect(ana.Driver.Message("see you there")).ToBeVisibleAsync();

        string[] expected = ["a private word", "are you there?", "yes, here", "what is it?", "lunch at noon?", "see you there"];
        Assert.Equal(expected, await ana.Driver.AllMessageTextsAsync());
        Assert.Equal(expected, await ben.Driver.AllMessageTextsAsync());
        await ana.Driver.ScreenshotAsync("direct-message");
        AssertNoPageProblems(ana, ben);
    }

    [SkippableFact]
    public async Task WhenTheReplicaOfOnePersonDiesTheBannerShowsReconnectingAndMessagesArriveOnceInOrder()
    {
        await using var ana = await PersonAsync("ana", Desktop);
        await using var ben = await PersonAsync("ben", Desktop);
        var start = await RealtimeReplicas.ConnectionsAsync(_fixture, CancellationToken.None);
        await ben.Driver.RegisterAsync();
        var before = await ConnectionsOnceAsync(start.Values.Sum() + 1);
        await ana.Driver.RegisterAsync();
        var after = await ConnectionsOnceAsync(start.Values.Sum() + 2);
        var victim = ReplicaThatGained(before, after);
        var channel = $"ops-{Guid.NewGuid():N}"[..12];
        await ana.Driver.CreateChannelAsync(channel);
        await ana.Driver.AddPersonAsync(ben.Driver);
        await ben.Driver.OpenConversationAsync(channel);
        await RecordBannerStatesAsync(ana.Driver.Page);

        try
        {
            ResourceProcesses.Kill(_fixture.App, victim);
            string[] sent = ["while down 1", "while down 2", "while down 3", "while down 4", "while down 5"];
            foreach (var text in sent)
            {
                await ben.Driver.SendAsync(text);
            }

            await Expect(ana.Driver.Message("while down 5")).ToBeVisibleAsync();
            await Expect(ana.Driver.Banner).ToHaveAttributeAsync("data-state", "connected");
            Assert.Equal(sent, await ana.Driver.MessageTextsAsync());
            var states = await ana.Driver.Page.EvaluateAsync<string[]>("() => window.__bannerStates");
            _output.WriteLine($"{victim} killed; banner states: {string.Join(" → ", states)}");
            Assert.Contains("reconnecting", states);
            Assert.Equal("connected", states[^1]);
            await ana.Driver.ScreenshotAsync("after-replica-failover");
        }
        finally
        {
            await RealtimeReplicas.RestartAsync(_fixture, victim);
        }
    }

    [SkippableFact]
    public async Task OpeningAConversationOnOneDeviceClearsItsBadgeOnTheOther()
    {
        await using var ana = await PersonAsync("ana", Desktop);
        await using var ben = await PersonAsync("ben", Desktop);
        await ana.Driver.RegisterAsync();
        await ben.Driver.RegisterAsync();
        await using var benPhone = await BrowserPerson.OpenAsync(_browser, _fixture, ben.Driver.Username, ben.Driver.DisplayName, Phone);
        await benPhone.Driver.SignInAsync();
        var channel = $"news-{Guid.NewGuid():N}"[..13];
        await ana.Driver.CreateChannelAsync(channel);
        await ana.Driver.AddPersonAsync(ben.Driver);

        await ana.Driver.SendAsync("read me anywhere");
        await benPhone.Driver.ShowConversationsAsync();
        await Expect(ben.Driver.UnreadBadge(channel)).ToHaveTextAsync("1");
        await Expect(benPhone.Driver.UnreadBadge(channel)).ToHaveTextAsync("1");

        await ben.Driver.OpenConversationAsync(channel);
        await Expect(benPhone.Driver.UnreadBadge(channel)).ToHaveCountAsync(0);
        AssertNoPageProblems(ana, ben, benPhone);
    }

    [SkippableFact]
    public async Task HostileTextRendersAsTextAndLinksOpenSafely()
    {
        await using var ana = await PersonAsync("ana", Desktop);
        await using var ben = await PersonAsync("ben", Desktop);
        await ana.Driver.RegisterAsync();
        await ben.Driver.RegisterAsync();
        var dialogs = 0;
        foreach (var page in new[] { ana.Driver.Page, ben.Driver.Page })
        {
            page.Dialog += async (_, dialog) =>
            {
                Interlocked.Increment(ref dialogs);
                await dialog.DismissAsync();
            };
        }

        await ana.Driver.StartDirectMessageAsync(ben.Driver);
        string[] hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "read https://example.com/docs?a=1 now"];
        foreach (var text in hostile)
        {
            await ana.Driver.SendAsync(text);
        }

        await ben.Driver.OpenConversationAsync(ana.Driver.DisplayName);
        await Expect(ben.Driver.Message("read ")).ToBeVisibleAsync();
        Assert.Equal(hostile, await ben.Driver.MessageTextsAsync());
        Assert.Equal(0, await ben.Driver.Messages.Locator(".message-text img, .message-text script").CountAsync());
        var link = ben.Driver.Message("read ").Locator(".message-text a");
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/docs?a=1");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        Assert.Equal(0, dialogs);
        await ben.Driver.ScreenshotAsync("hostile-text");
        AssertNoPageProblems(ana, ben);
    }

    private Task<BrowserPerson> PersonAsync(string who, BrowserNewContextOptions options) => BrowserPerson.NewAsync(_browser, _fixture, who, options);

    /// <summary>The replicas' connection counts once they add up to <paramref name="total"/> (a browser connects after sign-in).</summary>
    private async Task<Dictionary<string, long>> ConnectionsOnceAsync(long total)
    {
        Dictionary<string, long> counts = [];
        await Eventually.TrueAsync(async () =>
        {
            counts = await RealtimeReplicas.ConnectionsAsync(_fixture, CancellationToken.None);
            return counts.Values.Sum() == total;
        }, TimeSpan.FromSeconds(30), () => $"expected {total} connections in all: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        return counts;
    }

    private static string ReplicaThatGained(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Single(c => c.Value > before[c.Key]).Key;

    /// <summary>Records every state the banner takes: a reconnect can be over before a poll would see it.</summary>
    private static Task RecordBannerStatesAsync(IPage page) => page.EvaluateAsync("""
        () => {
            const banner = document.querySelector('[data-testid=connection-banner]');
            window.__bannerStates = [banner.dataset.state];
            new MutationObserver(() => window.__bannerStates.push(banner.dataset.state))
                .observe(banner, { attributes: true, attributeFilter: ['data-state'] });
        }
        """);

    private static void AssertNoPageProblems(params BrowserPerson[] people) => BrowserPerson.AssertNoPageProblems(people);
}
