using NexusChat.Contracts.Accounts;

namespace NexusChat.Client.Rest;

/// <summary>/api/auth: accounts and sessions.</summary>
public sealed class AuthClient(RestTransport transport)
{
    public Task<AuthResponse> RegisterAsync(string username, string displayName, string password, CancellationToken cancellationToken = default) =>
        transport.SendAnonymousAsync<AuthResponse>(HttpMethod.Post, "api/auth/register",
            new RegisterRequest(username, displayName, password), cancellationToken);

    public Task<AuthResponse> LoginAsync(string username, string password, CancellationToken cancellationToken = default) =>
        transport.SendAnonymousAsync<AuthResponse>(HttpMethod.Post, "api/auth/login", new LoginRequest(username, password), cancellationToken);

    /// <summary>Refresh tokens rotate: the answer's refresh token replaces the one sent, which is spent.</summary>
    public Task<AuthResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        transport.SendAnonymousAsync<AuthResponse>(HttpMethod.Post, "api/auth/refresh", new RefreshRequest(refreshToken), cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "api/auth/logout", null, cancellationToken);
}
