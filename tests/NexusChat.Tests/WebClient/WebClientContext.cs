using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NexusChat.Client.Rest;
using NexusChat.Web.Client.Features.Emoji;
using NexusChat.Web.Client.Features.Files;
using NexusChat.Web.Client.Shared;

namespace NexusChat.Tests.WebClient;

/// <summary>
/// A bUnit context with what the client's components inject. The browser module's calls (focus, key handling,
/// scrolling) do nothing here: loose JS interop answers them with defaults, and the logic under test is in C#.
/// Disposed asynchronously because the browser module's wrapper only implements IAsyncDisposable.
/// </summary>
public abstract class WebClientContext : BunitContext, IAsyncLifetime
{
    protected WebClientContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddScoped<BrowserInterop>();
        Services.AddScoped<FileInterop>();
        Services.AddScoped<AuthenticatedFiles>();
        Services.AddScoped<EditingInterop>();
        Services.AddScoped<RecentEmoji>();
        Services.AddScoped(_ => new EmojiCatalog(VendoredEmoji.HttpClient()));
        Services.AddSingleton<IAccessTokenSource>(new FakeAccessTokenSource());
        Services.AddSingleton<TimeProvider>(Time);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
}

/// <summary>A signed-in session whose token never lapses.</summary>
public sealed class FakeAccessTokenSource : IAccessTokenSource
{
    public string? AccessToken => "test-token";

    public Task<bool> TryRefreshAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public void OnSessionLost()
    {
    }
}
