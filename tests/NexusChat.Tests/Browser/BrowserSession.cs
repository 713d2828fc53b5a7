using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace NexusChat.Tests.Browser;

/// <summary>
/// A browser context with one page, recording what a user would never see but a test must: console errors,
/// uncaught exceptions and Content-Security-Policy violations (reported from the page's
/// <c>securitypolicyviolation</c> event through a Playwright binding, which the page's CSP does not restrict).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string ViolationBinding = "__nexusChatCspViolation";
    private readonly ConcurrentQueue<string> _problems;

    private BrowserSession(IBrowserContext context, IPage page, ConcurrentQueue<string> problems)
    {
        Context = context;
        Page = page;
        _problems = problems;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Everything that went wrong in the page so far, one line each.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public static async Task<BrowserSession> StartAsync(IBrowserContext context)
    {
        var problems = new ConcurrentQueue<string>();
        await context.ExposeBindingAsync(ViolationBinding, (BindingSource _, string violation) => problems.Enqueue($"CSP violation: {violation}"));
        await context.AddInitScriptAsync($$"""
            document.addEventListener('securitypolicyviolation', e =>
                window.{{ViolationBinding}}(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        return new BrowserSession(context, page, problems);
    }

    /// <summary>Saves a full-page screenshot as artifacts/test-results/screenshots/<paramref name="name"/>.png.</summary>
    public async Task<string> SaveScreenshotAsync(string name)
    {
        var path = Path.Combine(TestArtifacts.ScreenshotsDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
