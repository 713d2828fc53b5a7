using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>A long conversation in a real browser: scrolling up loads older pages until all of it shows, once and in order.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserHistoryTests : IClassFixture<BrowserFixture>
{
    // The web client loads 50 messages a page (ConversationSession.PageSize): two full older pages and part of a third.
    private const int HistoryLength = 130;
    private const int PageSize = 50;

    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserHistoryTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task ScrollingUpLoadsOlderPagesUntilTheWholeHistoryShowsOnceAndInOrder()
    {
        using var api = new ApiSetup(_fixture);
        var ana = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var ben = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        var name = $"log-{Guid.NewGuid():N}"[..12];
        var channel = await api.CreateChannelAsync(ana, name, ben);
        var sent = new List<(long Seq, string Text)>();
        for (var i = 1; i <= HistoryLength; i++)
        {
            var message = await api.SendAsync(channel.Id, i % 3 == 0 ? ben : ana, $"history {i:D3}");
            sent.Add((message.Seq, message.Text!));
        }

        await using var reader = await BrowserPerson.OpenAsync(_browser, _fixture, ben.User.Username, ben.User.DisplayName, BrowserPerson.Desktop);
        await reader.Driver.SignInAsync();
        await reader.Driver.OpenConversationAsync(name);
        await Expect(reader.Driver.Message(sent[^1].Text)).ToBeVisibleAsync();
        var firstShown = await reader.Driver.Messages.CountAsync();
        Assert.True(firstShown < HistoryLength, $"all {firstShown} messages loaded before any scrolling: nothing was paged");

        var pages = await reader.Driver.ScrollToBeginningAsync(maxPages: HistoryLength / PageSize + 2);

        _output.WriteLine($"{firstShown} shown at first, then {pages} scrolls to the top");
        Assert.Equal(sent.Select(m => m.Text), await reader.Driver.MessageTextsAsync());
        Assert.Equal(sent.Select(m => m.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), await reader.Driver.MessageSeqsAsync());
        await reader.Driver.ScreenshotAsync("history-beginning");
        BrowserPerson.AssertNoPageProblems(reader);
    }
}
