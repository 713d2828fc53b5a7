using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.EndToEnd;

/// <summary>One person's browser context in a browser test: opened on the host-mode app's gateway, closed when disposed.</summary>
public sealed record BrowserPerson(ChatPageDriver Driver) : IAsyncDisposable
{
    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 800 } };

    public static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true };

    /// <summary>A new person (fresh username and display name) in a fresh context; they still have to register.</summary>
    public static Task<BrowserPerson> NewAsync(BrowserFixture browser, HostModeAppFixture app, string who, BrowserNewContextOptions options) =>
        OpenAsync(browser, app, ChatPageDriver.NewUsername(who), NewDisplayName(who), options);

    /// <summary>A context for an account that exists (registered here or through the API); it still has to sign in.</summary>
    public static async Task<BrowserPerson> OpenAsync(
        BrowserFixture browser, HostModeAppFixture app, string username, string displayName, BrowserNewContextOptions options)
    {
        var session = await browser.NewSessionAsync(app.WebAddress, new BrowserNewContextOptions(options));
        return new BrowserPerson(new ChatPageDriver(session, username, displayName));
    }

    public static string NewDisplayName(string who) => $"{char.ToUpperInvariant(who[0])}{who[1..]} {Guid.NewGuid():N}"[..12];

    /// <summary>No console error, page error or CSP violation in any of the pages.</summary>
    public static void AssertNoPageProblems(params BrowserPerson[] people)
    {
        var problems = people.SelectMany(p => p.Driver.Session.Problems.Select(problem => $"{p.Driver.DisplayName}: {problem}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public ValueTask DisposeAsync() => Driver.Session.DisposeAsync();
}
