using System.Net;
using Microsoft.JSInterop;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;
using NexusChat.Web.Client.Shared;

namespace NexusChat.Web.Client.Features.Auth;

/// <summary>
/// The signed-in session: the access token lives only in memory, the refresh token in localStorage so a reload
/// stays signed in. The access token is renewed in the background a minute before it expires (15 minutes);
/// a refused refresh ends the session and the app returns to sign-in.
/// </summary>
public sealed class AuthSession : IAccessTokenSource, IDisposable
{
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromSeconds(60);
    private readonly BrowserInterop _browser;
    private readonly AuthClient _auth;
    private readonly DotNetObjectReference<AuthSession> _self;
    private CancellationTokenSource? _renewal;
    private Task<bool>? _refreshing;
    private DateTimeOffset _expiresAt;
    private bool _signingOut;

    public AuthSession(HttpClient http, BrowserInterop browser)
    {
        _browser = browser;
        // Its own transport with this session as the token source: the auth routes are the one place that needs both.
        _auth = new AuthClient(new RestTransport(http, this));
        _self = DotNetObjectReference.Create(this);
    }

    /// <summary>Signed in or out (sign-out, a revoked session, a refused refresh).</summary>
    public event Action? Changed;

    public UserDto? User { get; private set; }

    public string? AccessToken { get; private set; }

    public bool IsSignedIn => AccessToken is not null && User is not null;

    /// <summary>Why the last session ended, for the sign-in page (null after a deliberate sign-out).</summary>
    public string? EndedBecause { get; private set; }

    public async Task SignInAsync(string username, string password, CancellationToken cancellationToken = default) =>
        await StartAsync(await _auth.LoginAsync(username, password, cancellationToken));

    public async Task RegisterAsync(string username, string displayName, string password, CancellationToken cancellationToken = default) =>
        await StartAsync(await _auth.RegisterAsync(username, displayName, password, cancellationToken));

    /// <summary>After a reload: signs in again with the stored refresh token, if there is one that still works.</summary>
    public async Task<bool> RestoreAsync()
    {
        if (IsSignedIn)
        {
            return true;
        }

        return await _browser.ReadRefreshTokenAsync() is not null && await TryRefreshAsync(CancellationToken.None);
    }

    /// <summary>A token for the hub's next connect, renewed first if it is about to lapse.</summary>
    public async Task<string?> FreshAccessTokenAsync()
    {
        if (IsSignedIn && DateTimeOffset.UtcNow > _expiresAt - RenewBeforeExpiry)
        {
            await TryRefreshAsync(CancellationToken.None);
        }

        return AccessToken;
    }

    /// <summary>One refresh at a time in this tab (concurrent 401s share it), and across tabs through a Web Lock.</summary>
    public Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
    {
        if (_refreshing is { IsCompleted: false })
        {
            return _refreshing;
        }

        return _refreshing = _browser.RunExclusiveAsync<bool, AuthSession>("nexuschat-refresh", _self, nameof(RefreshHoldingLockAsync));
    }

    [JSInvokable]
    public async Task<bool> RefreshHoldingLockAsync()
    {
        var refreshToken = await _browser.ReadRefreshTokenAsync();
        if (refreshToken is null)
        {
            End("Please sign in.");
            return false;
        }

        try
        {
            await StartAsync(await _auth.RefreshAsync(refreshToken));
            return true;
        }
        catch (ApiProblemException problem) when (problem.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            await _browser.ClearRefreshTokenAsync();
            End(problem.Title);
            return false;
        }
        catch (HttpRequestException)
        {
            // Offline: keep the session; the token stays spendable and the next attempt uses it.
            return false;
        }
    }

    public void OnSessionLost() => End("Your session has ended. Please sign in again.");

    /// <summary>The server revoked this session (logout elsewhere, a replayed refresh token).</summary>
    public async Task OnRevokedAsync()
    {
        if (_signingOut)
        {
            // Our own logout: the hub's notice of it is no news to the user.
            return;
        }

        await _browser.ClearRefreshTokenAsync();
        End("This session was ended. Please sign in again.");
    }

    public async Task SignOutAsync()
    {
        // Stays set until the next sign-in: the hub's SessionRevoked for this logout may arrive after its answer.
        _signingOut = true;
        try
        {
            await _auth.LogoutAsync();
        }
        catch (Exception exception) when (exception is ApiProblemException or HttpRequestException)
        {
            // The session ends here either way; the server forgets it when its refresh token lapses.
        }

        await _browser.ClearRefreshTokenAsync();
        End(null);
    }

    // Idempotent: the container disposes the session once per registration it is reachable through (two here).
    public void Dispose()
    {
        _renewal?.Cancel();
        _renewal?.Dispose();
        _renewal = null;
        _self.Dispose();
    }

    private async Task StartAsync(AuthResponse response)
    {
        var wasSignedIn = IsSignedIn;
        User = response.User;
        AccessToken = response.AccessToken;
        _expiresAt = DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn);
        EndedBecause = null;
        _signingOut = false;
        await _browser.WriteRefreshTokenAsync(response.RefreshToken);
        ScheduleRenewal(TimeSpan.FromSeconds(response.ExpiresIn));
        if (!wasSignedIn)
        {
            Changed?.Invoke();
        }
    }

    private void ScheduleRenewal(TimeSpan expiresIn)
    {
        _renewal?.Cancel();
        _renewal?.Dispose();
        _renewal = new CancellationTokenSource();
        var due = expiresIn > RenewBeforeExpiry * 2 ? expiresIn - RenewBeforeExpiry : expiresIn / 2;
        _ = RenewLaterAsync(due, _renewal.Token);
    }

    private async Task RenewLaterAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(due, cancellationToken);
            await TryRefreshAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Signed out or renewed sooner.
        }
        catch (HttpRequestException)
        {
            // Offline: the next request's 401 (or the hub's next connect) tries again.
        }
    }

    private void End(string? reason)
    {
        _renewal?.Cancel();
        var wasSignedIn = IsSignedIn;
        User = null;
        AccessToken = null;
        EndedBecause = reason;
        if (wasSignedIn)
        {
            Changed?.Invoke();
        }
    }
}
