using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace NexusChat.Client;

/// <summary>
/// Opens the hub's WebSocket with a deadline. SignalR's own factory waits for the upgrade as long as the server
/// keeps the TCP connection open; a proxy in front of a dead replica can do that for minutes, and a reconnect
/// attempt stuck there never tries another replica. Replacing the factory means applying the access token here too.
/// </summary>
internal static class TimedWebSocketFactory
{
    public static Func<WebSocketConnectionContext, CancellationToken, ValueTask<WebSocket>> Create(ChatConnectionOptions options) =>
        async (context, cancellationToken) =>
        {
            var socket = new ClientWebSocket();
            if (!OperatingSystem.IsBrowser())
            {
                // Lets a refused upgrade tell a 401 (the session is over) from a server that is down.
                socket.Options.CollectHttpResponseDetails = true;
            }

            var uri = context.Uri;
            if (await options.AccessTokenProvider() is { Length: > 0 } token)
            {
                if (OperatingSystem.IsBrowser())
                {
                    // Browsers cannot set headers on a WebSocket; the server reads access_token on /hubs.
                    uri = new UriBuilder(uri) { Query = AppendQuery(uri.Query, "access_token", token) }.Uri;
                }
                else
                {
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                }
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(uri, deadline.Token);
                return socket;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TimeoutException($"The hub did not accept the WebSocket within {options.ConnectTimeout.TotalSeconds:0.#} s.");
            }
            catch (WebSocketException) when (!OperatingSystem.IsBrowser() && socket.HttpStatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                socket.Dispose();
                throw new HubUnauthorizedException();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    private static string AppendQuery(string query, string name, string value)
    {
        var pair = $"{name}={Uri.EscapeDataString(value)}";
        return string.IsNullOrEmpty(query) || query == "?" ? pair : $"{query.TrimStart('?')}&{pair}";
    }
}

/// <summary>The hub refused the access token: the session ended (or the token provider hands out stale tokens).</summary>
public sealed class HubUnauthorizedException() : Exception("The hub refused the access token (401).");
