using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>What the browser's peer connections measured for one remote participant (from <c>getStats()</c>).</summary>
/// <param name="Local">The selected candidate pair's local candidate type ("relay", "host", …), null before one is selected.</param>
public sealed record PeerMedia(string State, long Bytes, long Frames, string? Local, string? Remote)
{
    public bool Relayed => Local == "relay" || Remote == "relay";
}

/// <summary>
/// One person's side of a call in the browser: the call UI by its labels, and the page's RTCPeerConnections, which an
/// init script records as the app creates them (the app exposes none; the test reads them as devtools would).
/// </summary>
public sealed class CallDriver(ChatPageDriver driver)
{
    // Runs before the app in every page of the context: relay only (as behind a strict NAT), and a list of the peer
    // connections the app opens, for getStats().
    private const string InitScript = """
        localStorage.setItem('nexuschat.calls.forceRelay', 'true');
        (() => {
            const Native = window.RTCPeerConnection;
            window.__peerConnections = [];
            window.RTCPeerConnection = class extends Native {
                constructor(...args) { super(...args); window.__peerConnections.push(this); }
            };
        })();
        """;

    private const string StatsScript = """
        async () => JSON.stringify(await Promise.all(window.__peerConnections.filter(pc => pc.connectionState !== 'closed').map(async pc => {
            const stats = await pc.getStats();
            let bytes = 0, frames = 0, pair = null;
            stats.forEach(s => {
                if (s.type === 'inbound-rtp') { bytes += s.bytesReceived || 0; if (s.kind === 'video') frames += s.framesDecoded || 0; }
                if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
            });
            const type = id => (pair && stats.get(id)) ? stats.get(id).candidateType : null;
            return { state: pc.connectionState, bytes, frames, local: pair && type(pair.localCandidateId), remote: pair && type(pair.remoteCandidateId) };
        })))
        """;

    // Samples every peer connection's inbound bytes every 50 ms and keeps the longest stretch without growth.
    private const string GapSamplerScript = """
        () => {
            const gap = window.__mediaGap = { max: 0, last: performance.now(), bytes: -1 };
            gap.timer = setInterval(async () => {
                let bytes = 0;
                for (const pc of window.__peerConnections.filter(pc => pc.connectionState !== 'closed')) {
                    (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp') bytes += s.bytesReceived || 0; });
                }
                const now = performance.now();
                if (bytes > gap.bytes) { gap.max = Math.max(gap.max, now - gap.last); gap.last = now; gap.bytes = bytes; }
            }, 50);
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ChatPageDriver Driver { get; } = driver;

    private IPage Page => Driver.Page;

    public ILocator IncomingCall => Page.GetByRole(AriaRole.Alertdialog);

    public ILocator CallView => Page.GetByRole(AriaRole.Region, new() { Name = "Call", Exact = true });

    public ILocator Tiles => CallView.Locator("figure.call-tile");

    public ILocator Notice => Page.Locator(".call-host [role=status], .call-host [role=alert]");

    public static async Task<CallDriver> ForAsync(BrowserPerson person)
    {
        await person.Driver.Session.Context.AddInitScriptAsync(InitScript);
        return new CallDriver(person.Driver);
    }

    /// <summary>Clicks the conversation header's video (or audio) call button; returns when it was clicked.</summary>
    public async Task<Stopwatch> StartCallAsync(bool video = true)
    {
        var button = Page.GetByRole(AriaRole.Button, new() { Name = video ? "Start video call" : "Start audio call" });
        await Expect(button).ToBeEnabledAsync();
        var clicked = Stopwatch.StartNew();
        await button.ClickAsync();
        return clicked;
    }

    public async Task<Stopwatch> AcceptAsync()
    {
        var accept = IncomingCall.GetByRole(AriaRole.Button, new() { Name = "Accept" });
        await Expect(accept).ToBeVisibleAsync();
        var clicked = Stopwatch.StartNew();
        await accept.ClickAsync();
        return clicked;
    }

    public Task DeclineAsync() => IncomingCall.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

    public Task HangUpAsync() => CallView.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();

    public async Task<IReadOnlyList<PeerMedia>> MediaAsync() =>
        JsonSerializer.Deserialize<List<PeerMedia>>(await Page.EvaluateAsync<string>(StatsScript), Json)!;

    /// <summary>Waits until <paramref name="peers"/> peer connections are connected and receive audio and decoded video.</summary>
    public async Task<IReadOnlyList<PeerMedia>> WaitForMediaAsync(int peers, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<PeerMedia> media = [];
        while (deadline.Elapsed < within)
        {
            media = await MediaAsync();
            if (media.Count(m => m.State == "connected" && m.Bytes > 0 && m.Frames > 0) == peers)
            {
                return media;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{Driver.DisplayName}: no media from {peers} peer(s) within {within}: {string.Join("; ", media)}");
    }

    /// <summary>Waits until every connected peer's bytes and decoded frames grew past <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<PeerMedia>> WaitForGrowthAsync(IReadOnlyList<PeerMedia> before, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<PeerMedia> now = [];
        while (deadline.Elapsed < within)
        {
            now = await MediaAsync();
            if (now.Count == before.Count && now.Zip(before).All(p => p.First.Bytes > p.Second.Bytes && p.First.Frames > p.Second.Frames))
            {
                return now;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{Driver.DisplayName}: media stopped growing: before {string.Join("; ", before)}, now {string.Join("; ", now)}");
    }

    public Task StartGapSamplerAsync() => Page.EvaluateAsync(GapSamplerScript);

    /// <summary>The longest time in ms the inbound bytes did not grow since <see cref="StartGapSamplerAsync"/>.</summary>
    public Task<double> LargestGapMsAsync() => Page.EvaluateAsync<double>("() => window.__mediaGap.max");
}
