using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Web;

[Collection(HostModeAppCollection.Name)]
public sealed class BrowserClientTests(HostModeAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task TheClientRendersItsSignInPageUnderTheContentSecurityPolicyWithoutErrors()
    {
        await using var session = await browser.NewSessionAsync(fixture.WebAddress);
        var page = session.Page;

        var response = await page.GotoAsync("/", new PageGotoOptions { Timeout = 30_000 });
        // The first load downloads the .NET runtime and the app's assemblies: allow a cold, busy machine time.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var screenshot = await session.SaveScreenshotAsync("sign-in");

        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET / answered {response.Status}");
        var problems = session.Problems.Where(problem => !IsMissingFavicon(problem)).ToList();
        Assert.True(problems.Count == 0, $"the page reported problems (screenshot {screenshot}):\n{string.Join("\n", problems)}");
    }

    [SkippableFact]
    public async Task TheBrowserRefusesAnInjectedInlineScriptAndTheSessionReportsIt()
    {
        await using var session = await browser.NewSessionAsync(fixture.WebAddress);
        var page = session.Page;
        await page.GotoAsync("/", new PageGotoOptions { Timeout = 30_000 });

        // What an injection through chat content would attempt. Evaluating this from Playwright is not subject to
        // the CSP, but the <script> element it adds is; were it not refused, "no CSP violations" would mean nothing.
        var ran = await page.EvaluateAsync<bool>("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.body.appendChild(script);
                return window.injected === true;
            }
            """);

        Assert.False(ran, "an inline script ran");
        // The violation event is dispatched after the refusal and reaches .NET through the binding.
        await Eventually.TrueAsync(
            () => session.Problems.Any(problem => problem.StartsWith("CSP violation: script-src", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), $"no script-src violation reported; problems: {string.Join("; ", session.Problems)}");
    }

    // The client ships no icon yet and browsers ask for one on their own; that 404 is not the page's doing.
    private static bool IsMissingFavicon(string problem) =>
        problem.StartsWith("console error: Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal)
        && problem.EndsWith("/favicon.ico:0:0)", StringComparison.Ordinal);
}
