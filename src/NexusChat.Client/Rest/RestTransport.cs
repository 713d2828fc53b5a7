using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace NexusChat.Client.Rest;

/// <summary>
/// Sends API requests with the bearer token. A 401 means the access token lapsed or the session ended: the
/// transport refreshes once and repeats the request; a second 401 hands the session back to sign-in. Any other
/// failure becomes an <see cref="ApiProblemException"/> with the server's ProblemDetails.
/// </summary>
public sealed class RestTransport(HttpClient http, IAccessTokenSource tokens)
{
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new ApiProblemException(response.StatusCode, null, "The server sent an empty answer.", null, new Dictionary<string, string[]>());
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(method, path, body, cancellationToken);
    }

    /// <summary>For the auth routes that need no token (register, login, refresh): no refresh loop on 401.</summary>
    public async Task<T> SendAnonymousAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Build(method, path, body, token: null);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemBody.ReadAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new ApiProblemException(response.StatusCode, null, "The server sent an empty answer.", null, new Dictionary<string, string[]>());
    }

    private async Task<HttpResponseMessage> SendAuthorizedAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, path, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            if (!await tokens.TryRefreshAsync(cancellationToken))
            {
                tokens.OnSessionLost();
                throw new ApiProblemException(HttpStatusCode.Unauthorized, null, "Your session has ended. Please sign in again.", null,
                    new Dictionary<string, string[]>());
            }

            response = await SendOnceAsync(method, path, body, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                tokens.OnSessionLost();
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemBody.ReadAsync(response, cancellationToken);
            }
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Build(method, path, body, tokens.AccessToken);
        return await http.SendAsync(request, cancellationToken);
    }

    private static HttpRequestMessage Build(HttpMethod method, string path, object? body, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        return request;
    }
}
