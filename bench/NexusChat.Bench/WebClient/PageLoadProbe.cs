using System.Text.Json;
using Microsoft.Playwright;

namespace NexusChat.Bench.WebClient;

/// <summary>
/// Loads the app in a page and measures it. <b>Interactive</b> = the first moment, in the page's clock, when the
/// loading screen (<c>.loading</c> from index.html) is gone and Blazor's "Sign in" submit button is in the DOM,
/// enabled and visible. Blazor attaches its (delegated) event handlers while it applies that render, so the form
/// answers from then on; each load proves it afterwards, untimed: Playwright finds the button by role and exact
/// name, types into "Username" and clicks "Create an account", and Blazor must re-render the heading.
/// </summary>
public static class PageLoadProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs before any of the page's scripts: a MutationObserver stamps the moment the condition first holds.</summary>
    public const string InitScript = """
        (() => {
          const ready = () => {
            if (document.querySelector('.loading')) return false;
            const button = [...document.querySelectorAll('button[type=submit]')].find(b => b.textContent.trim() === 'Sign in');
            return !!button && !button.disabled && button.checkVisibility();
          };
          const observer = new MutationObserver(() => {
            if (window.__nexusInteractive === undefined && ready()) {
              window.__nexusInteractive = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        })();
        """;

    private const string Figures = """
        () => {
          const interactive = window.__nexusInteractive;
          const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const sum = field => entries.reduce((total, e) => total + e[field], 0);
          return JSON.stringify({
            interactive,
            firstContentfulPaint: fcp ? fcp.startTime : null,
            frameworkDownloaded: Math.max(0, ...entries.filter(e => e.name.includes('/_framework/')).map(e => e.responseEnd)),
            transferredBytes: sum('transferSize'),
            decodedBytes: sum('decodedBodySize'),
            requests: entries.length,
            fromCache: entries.filter(e => e.transferSize === 0 && e.decodedBodySize > 0).length,
          });
        }
        """;

    public static async Task<PageLoad> LoadAsync(IPage page, Uri url)
    {
        var timeout = (float)Timeout.TotalMilliseconds;
        // Shows whether the gateway's precompressed files reached the browser (br when Chromium asks for it).
        var encodings = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(object? sender, IResponse response)
        {
            var encoding = response.Headers.GetValueOrDefault("content-encoding", "none");
            encodings[encoding] = encodings.GetValueOrDefault(encoding) + 1;
        }

        page.Response += Count;
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = timeout });
        var signIn = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true });
        await signIn.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout });
        await page.WaitForFunctionAsync("() => window.__nexusInteractive !== undefined", null, new PageWaitForFunctionOptions { Timeout = timeout });
        await ProveInteractiveAsync(page, signIn, timeout);

        // Whatever the app still fetches after it became interactive counts towards the bytes of the load.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = timeout });
        page.Response -= Count;
        var json = await page.EvaluateAsync<string>(Figures);
        var load = JsonSerializer.Deserialize<PageLoad>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("the page returned no figures");
        return load with { ContentEncodings = encodings };
    }

    private static async Task ProveInteractiveAsync(IPage page, ILocator signIn, float timeout)
    {
        if (!await signIn.IsEnabledAsync())
        {
            throw new InvalidOperationException("the Sign in button is disabled");
        }

        await page.GetByLabel("Username", new PageGetByLabelOptions { Exact = true }).FillAsync("tti-probe", new LocatorFillOptions { Timeout = timeout });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create an account", Exact = true })
            .ClickAsync(new LocatorClickOptions { Timeout = timeout });
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Create your account", Exact = true })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = timeout });
    }
}
