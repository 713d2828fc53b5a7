namespace NexusChat.Client.Rest;

/// <summary>Where <see cref="RestTransport"/> gets the bearer token, and whom it asks for a new one after a 401.</summary>
public interface IAccessTokenSource
{
    /// <summary>The current access token; null when signed out.</summary>
    string? AccessToken { get; }

    /// <summary>Trades the refresh token for a new access token; false when the session cannot be renewed.</summary>
    Task<bool> TryRefreshAsync(CancellationToken cancellationToken);

    /// <summary>A request was refused even after a refresh: the session is over, return to sign-in.</summary>
    void OnSessionLost();
}
