using Microsoft.Playwright;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Browser;

/// <summary>
/// One headless Chromium, started on first use and shared by the tests of a class or collection
/// (<c>IClassFixture&lt;BrowserFixture&gt;</c> next to an app fixture's collection, or <c>ICollectionFixture</c>);
/// each test gets its own context (cookies, storage, permissions) through <see cref="NewSessionAsync"/>.
/// Tests that use it are <c>[SkippableFact]</c>: without Chromium they are skipped with the reason, or fail under
/// <c>CI=true</c> (<see cref="RequiredTools"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright's own browser download is not available here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // Playwright adds --headless. The rest keep Chromium off the network (it floods a closed one otherwise) and
    // running as root in a container (no sandbox, no GPU). Fake devices let call tests use camera and microphone.
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);
    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _browser = new(LaunchAsync);

    public static string? UnavailableReason =>
        File.Exists(ChromiumPath) ? null : $"{ChromiumPath} is not installed (apt-get install -y chromium)";

    /// <summary>A new browser context and page whose console errors, page errors and CSP violations are recorded.</summary>
    public async Task<BrowserSession> NewSessionAsync(Uri baseAddress, BrowserNewContextOptions? options = null)
    {
        RequiredTools.SkipOrFailIfMissing(UnavailableReason);
        var (_, browser) = await _browser.Value;
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        return await BrowserSession.StartAsync(await browser.NewContextAsync(options));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!_browser.IsValueCreated || !_browser.Value.IsCompletedSuccessfully)
        {
            return;
        }

        var (playwright, browser) = await _browser.Value;
        await browser.CloseAsync();
        playwright.Dispose();
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = (float)LaunchTimeout.TotalMilliseconds,
        });
        return (playwright, browser);
    }
}
