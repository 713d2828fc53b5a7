using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Calls;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Calls between real browsers (headless Chromium, fake camera and microphone) through the gateway, relay only, so
/// every media packet crosses our coturn. Each call's setup time (click → media flowing both ways) is written to the
/// test output as "call setup: N ms" for the closing note's percentiles.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserCallTests : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan MediaWithin = TimeSpan.FromSeconds(30);

    private readonly HostModeAppFixture _fixture;
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;

    public BrowserCallTests(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    {
        (_fixture, _browser, _output) = (fixture, browser, output);
        SetDefaultExpectTimeout(20_000);
    }

    [SkippableFact]
    public async Task AVideoCallAcrossReplicasGoesThroughTheRelayAndOutlivesTheCallersReplica()
    {
        using var api = new ApiSetup(_fixture);
        var (anaAccount, benAccount) = (await RegisterAsync(api, "ana"), await RegisterAsync(api, "ben"));
        var direct = await api.CreateDirectAsync(anaAccount, benAccount);
        var (ana, anaReplica) = await SignInOnSomeReplicaAsync(anaAccount, avoid: null);
        await using var anaPerson = ana;
        var (ben, benReplica) = await SignInOnSomeReplicaAsync(benAccount, avoid: anaReplica);
        await using var benPerson = ben;
        _output.WriteLine($"ana on {anaReplica}, ben on {benReplica}");
        var (anaCall, benCall) = (await CallDriverAsync(ana), await CallDriverAsync(ben));

        await ana.Driver.OpenConversationAsync(ben.Driver.DisplayName);
        var started = await anaCall.StartCallAsync();
        var accepted = await benCall.AcceptAsync();
        var anaMedia = await anaCall.WaitForMediaAsync(1, MediaWithin);
        var benMedia = await benCall.WaitForMediaAsync(1, MediaWithin);
        LogSetup("1:1 video", accepted, started);

        Assert.All(anaMedia.Concat(benMedia), m => Assert.True(m.Relayed, $"not relayed: {m}"));
        anaMedia = await anaCall.WaitForGrowthAsync(anaMedia, TimeSpan.FromSeconds(10));
        benMedia = await benCall.WaitForGrowthAsync(benMedia, TimeSpan.FromSeconds(10));
        await Expect(anaCall.CallView.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:\d\d$"));
        await Expect(anaCall.Tiles).ToHaveAttributeAsync("data-relayed", "true");
        await ana.Driver.ScreenshotAsync("call-relayed-video");

        // A second device of Ana's, on a replica that stays up, sees where the call sends her signaling.
        var watchReplica = RealtimeReplicas.Names.First(r => r != anaReplica);
        await using var watcher = await CallParty.ConnectAsync(_fixture, anaAccount, watchReplica, CancellationToken.None);
        var seatBefore = await SeatOfAsync(watcher, direct.Id, anaAccount.User.Id);
        await anaCall.StartGapSamplerAsync();
        await benCall.StartGapSamplerAsync();
        try
        {
            ResourceProcesses.Kill(_fixture.App, anaReplica);
            var killed = Stopwatch.StartNew();
            await Eventually.TrueAsync(async () => await SeatOfAsync(watcher, direct.Id, anaAccount.User.Id) != seatBefore,
                TimeSpan.FromSeconds(30), () => "Ana's seat never moved to a new connection");
            _output.WriteLine($"Ana's signaling back on a live replica {killed.ElapsedMilliseconds} ms after the kill");
            await Task.Delay(TimeSpan.FromSeconds(5) - killed.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);

            anaMedia = await anaCall.WaitForGrowthAsync(await anaCall.MediaAsync(), TimeSpan.FromSeconds(10));
            benMedia = await benCall.WaitForGrowthAsync(await benCall.MediaAsync(), TimeSpan.FromSeconds(10));
            var (anaGap, benGap) = (await anaCall.LargestGapMsAsync(), await benCall.LargestGapMsAsync());
            _output.WriteLine($"media gap across the kill of {anaReplica}: largest {Math.Max(anaGap, benGap):0} ms (ana receiving {anaGap:0} ms, ben receiving {benGap:0} ms)");
            Assert.All(anaMedia.Concat(benMedia), m => Assert.True(m.Relayed, $"not relayed after the kill: {m}"));

            await benCall.HangUpAsync();
            await Expect(anaCall.CallView).ToBeHiddenAsync();
            await Expect(anaCall.Notice).ToContainTextAsync("Call ended");
            await Expect(benCall.CallView).ToBeHiddenAsync();
        }
        finally
        {
            await RealtimeReplicas.RestartAsync(_fixture, anaReplica);
        }
    }

    [SkippableFact]
    public async Task ThreePeopleInAChannelCallEachReceiveTheOtherTwo()
    {
        using var api = new ApiSetup(_fixture);
        var accounts = new[] { await RegisterAsync(api, "ana"), await RegisterAsync(api, "ben"), await RegisterAsync(api, "cleo") };
        var channel = await api.CreateChannelAsync(accounts[0], $"huddle-{Guid.NewGuid():N}"[..15], accounts[1], accounts[2]);
        var people = new List<BrowserPerson>();
        try
        {
            foreach (var account in accounts)
            {
                var person = await BrowserPerson.OpenAsync(_browser, _fixture, account.User.Username, account.User.DisplayName, BrowserPerson.Desktop);
                people.Add(person);
            }

            var calls = new List<CallDriver>();
            foreach (var person in people)
            {
                calls.Add(await CallDriverAsync(person));
                await SignInConnectedAsync(person);
            }

            await people[0].Driver.OpenConversationAsync(channel.Name!);
            await Expect(people[0].Driver.MembersPanel.Locator(".member-name")).ToHaveCountAsync(3);
            var started = await calls[0].StartCallAsync();
            // Both ring at once; they answer together (the test app's ring timeout is 4 s).
            await Expect(calls[1].IncomingCall).ToBeVisibleAsync();
            await Expect(calls[2].IncomingCall).ToBeVisibleAsync();
            var accepts = await Task.WhenAll(calls[1].AcceptAsync(), calls[2].AcceptAsync());
            var benAccepted = accepts[0];

            var media = new List<IReadOnlyList<PeerMedia>>();
            foreach (var call in calls)
            {
                media.Add(await call.WaitForMediaAsync(2, MediaWithin));
            }

            LogSetup("3-way channel video", benAccepted, started);
            for (var i = 0; i < calls.Count; i++)
            {
                Assert.All(media[i], m => Assert.True(m.Relayed, $"{people[i].Driver.DisplayName}: not relayed: {m}"));
                await calls[i].WaitForGrowthAsync(media[i], TimeSpan.FromSeconds(10));
                await Expect(calls[i].Tiles).ToHaveCountAsync(2);
                await Expect(calls[i].CallView.Locator(".call-grid")).ToHaveClassAsync("call-grid cols-2");
            }

            await people[2].Driver.ScreenshotAsync("call-three-way");
            await calls[2].HangUpAsync();
            await Expect(calls[0].Tiles).ToHaveCountAsync(1);
            await Expect(calls[1].Tiles).ToHaveCountAsync(1);
            BrowserPerson.AssertNoPageProblems([.. people]);
        }
        finally
        {
            foreach (var person in people)
            {
                await person.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task DecliningOnOneDeviceStopsTheRingOnTheOtherAndTellsTheCaller()
    {
        using var api = new ApiSetup(_fixture);
        var (anaAccount, benAccount) = (await RegisterAsync(api, "ana"), await RegisterAsync(api, "ben"));
        await api.CreateDirectAsync(anaAccount, benAccount);
        await using var ana = await OpenAsync(anaAccount, BrowserPerson.Desktop);
        await using var benDesk = await OpenAsync(benAccount, BrowserPerson.Desktop);
        await using var benPhone = await OpenAsync(benAccount, BrowserPerson.Phone);
        var (anaCall, deskCall, phoneCall) = (await CallDriverAsync(ana), await CallDriverAsync(benDesk), await CallDriverAsync(benPhone));
        foreach (var person in new[] { ana, benDesk, benPhone })
        {
            await SignInConnectedAsync(person);
        }

        await ana.Driver.OpenConversationAsync(benDesk.Driver.DisplayName);
        await anaCall.StartCallAsync(video: false);
        await Expect(deskCall.IncomingCall).ToContainTextAsync($"{ana.Driver.DisplayName} is calling");
        await Expect(phoneCall.IncomingCall).ToContainTextAsync("Audio call");
        await Expect(anaCall.CallView.GetByRole(AriaRole.Timer)).ToHaveTextAsync("Calling…");

        await phoneCall.DeclineAsync();

        await Expect(deskCall.IncomingCall).ToHaveCountAsync(0);
        await Expect(phoneCall.IncomingCall).ToHaveCountAsync(0);
        await Expect(anaCall.CallView).ToBeHiddenAsync();
        await Expect(anaCall.Notice).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Call declined\\."));
        BrowserPerson.AssertNoPageProblems(ana, benDesk, benPhone);
    }

    private static Task<AuthResponse> RegisterAsync(ApiSetup api, string who) =>
        api.RegisterAsync(ChatPageDriver.NewUsername(who), BrowserPerson.NewDisplayName(who));

    private Task<BrowserPerson> OpenAsync(AuthResponse account, BrowserNewContextOptions options) =>
        BrowserPerson.OpenAsync(_browser, _fixture, account.User.Username, account.User.DisplayName, options);

    /// <summary>Signs in and waits for the hub connection: a call rings only the devices connected when it starts.</summary>
    private static async Task SignInConnectedAsync(BrowserPerson person)
    {
        await person.Driver.SignInAsync();
        await Expect(person.Driver.Banner).ToHaveAttributeAsync("data-state", "connected");
    }

    private static Task<CallDriver> CallDriverAsync(BrowserPerson person) => CallDriver.ForAsync(person);

    private void LogSetup(string call, Stopwatch accepted, Stopwatch started) =>
        _output.WriteLine($"call setup: {accepted.ElapsedMilliseconds} ms ({call}: accept click → media flowing both ways; "
            + $"{started.ElapsedMilliseconds} ms from the start click)");

    /// <summary>
    /// Signs a browser in and finds the realtime replica its hub connection landed on (the gateway balances by least
    /// requests, so a second person lands elsewhere); tries a fresh context when it landed on <paramref name="avoid"/>.
    /// </summary>
    private async Task<(BrowserPerson Person, string Replica)> SignInOnSomeReplicaAsync(AuthResponse account, string? avoid)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await RealtimeReplicas.ConnectionsAsync(_fixture, CancellationToken.None);
            var person = await OpenAsync(account, BrowserPerson.Desktop);
            await CallDriverAsync(person);
            await person.Driver.SignInAsync();
            Dictionary<string, long> after = [];
            await Eventually.TrueAsync(async () =>
            {
                after = await RealtimeReplicas.ConnectionsAsync(_fixture, CancellationToken.None);
                return after.Values.Sum() == before.Values.Sum() + 1;
            }, TimeSpan.FromSeconds(30), () => $"one more connection: {string.Join(", ", after.Select(c => $"{c.Key} {c.Value}"))}");
            var replica = after.Single(c => c.Value > before[c.Key]).Key;
            if (replica != avoid || attempt == 3)
            {
                Assert.NotEqual(avoid, replica);
                return (person, replica);
            }

            await person.DisposeAsync();
            await Eventually.TrueAsync(async () => (await RealtimeReplicas.ConnectionsAsync(_fixture, CancellationToken.None)).Values.Sum() == before.Values.Sum(),
                TimeSpan.FromSeconds(10), () => "the closed browser's connection is gone");
        }
    }

    private static async Task<string?> SeatOfAsync(CallParty watcher, string conversationId, string userId)
    {
        var call = await watcher.Connection.InvokeAsync<CallDto?>("GetCall", conversationId);
        return call?.Participants.SingleOrDefault(p => p.UserId == userId)?.ConnectionId;
    }
}
