using Microsoft.Playwright;

namespace NexusChat.Bench.WebClient;

/// <summary>Debian's Chromium driven by Playwright; its own browser download is not available here.</summary>
public static class HeadlessChromium
{
    // Playwright adds --headless. The rest keep Chromium off the network (it floods a closed one otherwise) and
    // running as root without a GPU; see shared/ENVIRONMENT.md. No cache or throttling flags: the measure is an
    // ordinary browser on loopback.
    public static readonly IReadOnlyList<string> Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executablePath) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
}
